/**
 * The methods each route pattern answers, collected as Fastify registers routes, so a request
 * for a known path with the wrong method can get 405 and an `Allow` header instead of 404.
 */
export class RouteMethods {
  private readonly routes: { pattern: RegExp; method: string }[] = [];

  add(url: string, methods: string | string[]) {
    const source = url
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    for (const method of [methods].flat()) {
      if (method !== 'HEAD') this.routes.push({ pattern: new RegExp(`^${source}/?$`), method });
    }
  }

  allowed(path: string): string[] {
    return [...new Set(this.routes.filter((r) => r.pattern.test(path)).map((r) => r.method))];
  }
}
