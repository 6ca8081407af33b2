import { appendFile, copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codecsOf } from './codecs';
import { MediaError } from './errors';
import { PLAYLIST_FILENAME } from './ffmpeg-args';
import { parseMediaPlaylist } from './hls-playlist';
import { probeFile, type ProbeOptions } from './probe';

export const MANIFEST_FILENAME = 'manifest.json';

/** `manifest.json`, the `<sf-player>`'s own format. Every URL is relative to manifest.json. */
export interface Manifest {
  version: 1;
  /** Seconds of playable media: the longest rendition's segments end to end. */
  duration: number;
  segment_duration: number;
  renditions: ManifestRendition[];
}

export interface ManifestRendition {
  id: string;
  type: 'video';
  width: number;
  height: number;
  codecs: string;
  mime_type: 'video/mp4';
  /** Peak bits per second over the segments, so the player never picks a rung it cannot sustain. */
  bandwidth: number;
  init: string;
  segments: ManifestSegment[];
}

export interface ManifestSegment {
  url: string;
  start: number;
  duration: number;
  bytes: number;
}

/** What was measured on disk for one rendition; the input of the pure builders. */
export interface ProducedRendition {
  id: string;
  width: number;
  height: number;
  codecs: string;
  init: string;
  segments: Array<{ url: string; duration: number; bytes: number }>;
}

/** Pure. */
export function buildRendition(produced: ProducedRendition): ManifestRendition {
  let start = 0;
  let bandwidth = 0;
  const segments = produced.segments.map((segment) => {
    const entry = { url: segment.url, start: roundMicros(start), duration: segment.duration, bytes: segment.bytes };
    start += segment.duration;
    if (segment.duration > 0) bandwidth = Math.max(bandwidth, (segment.bytes * 8) / segment.duration);
    return entry;
  });
  return {
    id: produced.id,
    type: 'video',
    width: produced.width,
    height: produced.height,
    codecs: produced.codecs,
    mime_type: 'video/mp4',
    bandwidth: Math.ceil(bandwidth),
    init: produced.init,
    segments,
  };
}

/** Pure. */
export function buildManifest(produced: ProducedRendition[], segmentDuration: number): Manifest {
  const renditions = produced.map(buildRendition);
  const duration = Math.max(0, ...renditions.map((r) => r.segments.reduce((sum, s) => sum + s.duration, 0)));
  return { version: 1, duration: roundMicros(duration), segment_duration: segmentDuration, renditions };
}

/**
 * Measures what ffmpeg wrote for rendition `id` under `outDir`: the playlist's segment times,
 * the files' sizes, and codec strings and picture size from ffprobe on init + first segment.
 */
export async function readProducedRendition(outDir: string, id: string, options: ProbeOptions): Promise<ProducedRendition> {
  const dir = join(outDir, id);
  const playlist = parseMediaPlaylist(await readFile(join(dir, PLAYLIST_FILENAME), 'utf8'));
  const names = [playlist.initUri, ...playlist.segments.map((s) => s.uri)];
  // The names become URLs and upload keys: accept only plain file names inside the folder.
  if (!playlist.initUri || playlist.segments.length === 0 || names.some((n) => !n || !/^[\w.-]+$/.test(n) || n.startsWith('.'))) {
    throw new Error(`Rendition ${id}: the playlist ffmpeg wrote has no init file, no segments or unexpected names`);
  }
  const initName = playlist.initUri;
  const segments = await Promise.all(
    playlist.segments.map(async (s) => ({
      url: `${id}/${s.uri}`,
      duration: s.duration,
      bytes: (await stat(join(dir, s.uri))).size,
    })),
  );
  const first = await probeInitAndSegment(join(dir, initName), join(dir, playlist.segments[0].uri), options);
  const video = first.streams?.find((s) => s.codec_type === 'video');
  if (!video?.width || !video.height) throw new Error(`Rendition ${id}: ffprobe found no picture size`);
  return { id, width: video.width, height: video.height, codecs: codecsOf(first), init: `${id}/${initName}`, segments };
}

/** A fragment alone lacks the codec setup and the init alone lacks frames; ffprobe needs both. */
async function probeInitAndSegment(initPath: string, segmentPath: string, options: ProbeOptions) {
  const scratch = await mkdtemp(join(tmpdir(), 'sf-codecs-'));
  try {
    const joined = join(scratch, 'first.mp4');
    await copyFile(initPath, joined);
    await appendFile(joined, await readFile(segmentPath));
    return await probeFile(joined, options);
  } catch (error) {
    // Our own output failing to parse is our fault, not the customer's file: never a MediaError.
    throw error instanceof MediaError ? new Error('ffprobe could not read the produced rendition', { cause: error }) : error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function roundMicros(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}
