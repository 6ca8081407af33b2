/**
 * Postgres cannot store NUL in text and refuses unpaired UTF-16 surrogates in JSON, and neither is
 * ever meaningful in an API field. Every string that reaches a handler (body keys and values, query
 * values, path parameters) is checked here once, so no DTO has to remember it.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isUnsafeText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/**
 * The dotted path (`metadata.color`, `parts.0.etag`) of the first string in `value` — key or value —
 * holding NUL or an unpaired surrogate, or null when there is none. A bad key is named by the object
 * that holds it, since the key itself cannot be printed. Iterative, so hostile nesting cannot
 * overflow the stack.
 */
export function findUnsafeText(value: unknown, root = ''): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (isUnsafeText(node)) return path;
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const entries = Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      if (isUnsafeText(key)) return path;
      stack.push([child, path ? `${path}.${key}` : key]);
    }
  }
  return null;
}
