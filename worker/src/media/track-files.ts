import { appendFile, copyFile, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codecsOf } from './codecs';
import { MediaError } from './errors';
import { PIECES_PER_SEGMENT, PLAYLIST_FILENAME } from './ffmpeg-args';
import { parseMediaPlaylist } from './hls-playlist';
import { roundMicros, type TrackFiles, type TrackFormat } from './manifest';
import { probeFile, type ProbeOptions } from './probe';
import { groupPieces, joinPieces } from './segment-groups';

/** The names become URLs and object keys: only plain file names inside the track's folder. */
const SAFE_NAME = /^[\w-][\w.-]*$/;

/**
 * What ffmpeg has finished so far for track `id`, as published segments: the pieces its playlist
 * lists (each complete on disk, since ffmpeg renames the playlist into place after closing one),
 * joined into segment files (see segment-groups) with their exact durations and sizes.
 * Null before the first segment.
 */
export async function readTrackFiles(outDir: string, id: string): Promise<(TrackFiles & { ended: boolean }) | null> {
  const dir = join(outDir, id);
  let text: string;
  try {
    text = await readFile(join(dir, PLAYLIST_FILENAME), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const playlist = parseMediaPlaylist(text);
  if (playlist.segments.length === 0) return null;
  const names = [playlist.initUri, ...playlist.segments.map((s) => s.uri)];
  if (names.some((n) => !n || !SAFE_NAME.test(n))) {
    throw new Error(`Track ${id}: the playlist ffmpeg wrote has no init file or unexpected names`);
  }
  const groups = groupPieces(playlist.segments, PIECES_PER_SEGMENT, playlist.ended);
  const segments = await Promise.all(
    groups.map(async (pieces, i) => {
      const name = `seg_${String(i).padStart(5, '0')}.m4s`;
      return {
        url: `${id}/${name}`,
        duration: roundMicros(pieces.reduce((sum, p) => sum + p.duration, 0)),
        bytes: await materialize(
          dir,
          name,
          pieces.map((p) => p.uri),
        ),
      };
    }),
  );
  return { id, init: `${id}/${playlist.initUri}`, segments, ended: playlist.ended };
}

/** Writes segment `name` from its pieces once (a group never changes); returns its size. */
async function materialize(dir: string, name: string, pieces: string[]): Promise<number> {
  const existing = await stat(join(dir, name)).catch(() => null);
  if (existing) return existing.size;
  const body = joinPieces(await Promise.all(pieces.map((p) => readFile(join(dir, p)))));
  // Renamed into place so a reader never sees half a segment.
  await writeFile(join(dir, `${name}.tmp`), body);
  await rename(join(dir, `${name}.tmp`), join(dir, name));
  return body.length;
}

/** Codec string and picture or audio format, read by ffprobe from the track's init + first segment. */
export async function probeTrackFormat(outDir: string, track: TrackFiles, options: ProbeOptions): Promise<TrackFormat> {
  // A fragment alone lacks the codec setup and the init alone lacks frames; ffprobe needs both.
  const scratch = await mkdtemp(join(tmpdir(), 'sf-codecs-'));
  try {
    const joined = join(scratch, 'first.mp4');
    await copyFile(join(outDir, track.init), joined);
    await appendFile(joined, await readFile(join(outDir, track.segments[0].url)));
    const probe = await probeFile(joined, options);
    const video = probe.streams?.find((s) => s.codec_type === 'video');
    const audio = probe.streams?.find((s) => s.codec_type === 'audio');
    if (video && (!video.width || !video.height)) throw new Error(`Track ${track.id}: ffprobe found no picture size`);
    return {
      codecs: codecsOf(probe),
      width: video?.width,
      height: video?.height,
      channels: audio?.channels,
      sampleRate: audio?.sample_rate ? Number(audio.sample_rate) : undefined,
    };
  } catch (error) {
    // Our own output failing to parse is our fault, not the customer's file: never a MediaError.
    throw error instanceof MediaError
      ? new Error('ffprobe could not read the produced track', { cause: error })
      : error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
