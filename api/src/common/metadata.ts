import { ApiError } from './api-error';

/** Stripe's metadata rules: ≤ 50 keys, keys ≤ 40 characters, string values ≤ 500 characters. */
export function validateMetadata(metadata: Record<string, unknown> | undefined): void {
  if (!metadata) return;
  const entries = Object.entries(metadata);
  if (entries.length > 50)
    throw ApiError.invalid('parameter_invalid', 'metadata can have at most 50 keys.', 'metadata');
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > 40) {
      throw ApiError.invalid('parameter_invalid', 'metadata keys must be 1 to 40 characters long.', 'metadata');
    }
    if (typeof value !== 'string' || value.length > 500) {
      throw ApiError.invalid(
        'parameter_invalid',
        `metadata['${key}'] must be a string of at most 500 characters.`,
        `metadata.${key}`,
      );
    }
  }
}
