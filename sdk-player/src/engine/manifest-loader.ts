import type { Manifest, ManifestSegment } from '../generated/manifest';
import { PlayerError } from './errors';

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * Checks the parts of manifest.json the engine relies on (the schema in openapi/ is the full
 * contract); a manifest from a newer, incompatible writer is refused rather than misplayed.
 */
export function parseManifest(value: unknown): Manifest {
  const m = value as Manifest;
  const bad = (why: string) => new PlayerError('MANIFEST_INVALID', `manifest.json: ${why}`);
  if (!m || typeof m !== 'object') throw bad('not a JSON object');
  if (m.version !== 1) throw bad(`version ${String(m.version)} is not supported`);
  if (!Array.isArray(m.renditions) || m.renditions.length === 0) throw bad('no renditions');
  const tracks = [...m.renditions, ...(m.audio ? [m.audio] : [])];
  for (const t of tracks) {
    if (typeof t.codecs !== 'string' || typeof t.init !== 'string' || !Array.isArray(t.segments)) {
      throw bad(`track ${String(t.id)} lacks codecs, init or segments`);
    }
    if (!t.segments.every(isSegment)) throw bad(`track ${t.id} has a malformed segment`);
  }
  if (!(m.duration >= 0)) throw bad('no duration');
  return m;
}

const isSegment = (s: ManifestSegment) =>
  typeof s?.url === 'string' && s.start >= 0 && s.duration >= 0 && Number.isInteger(s.bytes);

/** Fetches and parses manifest.json; `fresh` bypasses caches (a growing manifest is re-read). */
export async function loadManifest(
  url: string,
  options: { fetch?: FetchLike; signal?: AbortSignal; fresh?: boolean } = {},
): Promise<Manifest> {
  const fetchImpl = options.fetch ?? ((u, i) => fetch(u, i));
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: options.signal, cache: options.fresh ? 'no-store' : 'default' });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new PlayerError('MANIFEST_LOAD_FAILED', `manifest.json could not be fetched: ${String(error)}`);
  }
  if (!response.ok) throw new PlayerError('MANIFEST_LOAD_FAILED', `manifest.json answered HTTP ${response.status}`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new PlayerError('MANIFEST_INVALID', 'manifest.json is not JSON');
  }
  return parseManifest(json);
}

/** Every URL in the manifest is relative to manifest.json itself. */
export const resolveUrl = (manifestUrl: string, relative: string) => new URL(relative, manifestUrl).href;
