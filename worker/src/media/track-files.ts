import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFile, type Movie, MP4BoxBuffer } from 'mp4box';
import { presentFromZeroInit, presentFromZeroSegment } from './cmaf-timing';
import { AUDIO_ID, INIT_FILENAME, PLAYLIST_FILENAME, piecesPerSegment } from './ffmpeg-args';
import { parseMediaPlaylist } from './hls-playlist';
import { roundMicros, type TrackFiles, type TrackFormat } from './manifest';
import { groupPieces, joinPieces } from './segment-groups';

/** The names become URLs and object keys: only plain file names inside the track's folder. */
const SAFE_NAME = /^[\w-][\w.-]*$/;

/**
 * What ffmpeg has finished so far for track `id`, as published segments: the pieces its playlist
 * lists (each complete on disk, since ffmpeg renames the playlist into place after closing one),
 * joined into segment files (see segment-groups) with their exact durations and sizes, and the
 * published init segment. A video track's are presented from 0 without an edit list (see
 * cmaf-timing); the audio's are ffmpeg's bytes. Null before the first segment.
 *
 * `written` (segment path → size), kept by the caller across the reads of one transcode, spares
 * the segments already joined any file-system call: the transcoder reads every track several times
 * a second, and without it each read would stat every segment so far — for a 10-minute source,
 * thousands of calls a second by the end.
 */
export async function readTrackFiles(
  outDir: string,
  id: string,
  written: Map<string, number> = new Map(),
): Promise<(TrackFiles & { ended: boolean }) | null> {
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
  const video = id !== AUDIO_ID;
  // Read only when something is written: the init once, each segment once.
  let timing: Promise<{ shift: number; init: Buffer }> | undefined;
  const fromFfmpeg = () =>
    (timing ??= readFile(join(dir, playlist.initUri!)).then((init) =>
      video ? presentFromZeroInit(init) : { shift: 0, init },
    ));
  await materialize(dir, INIT_FILENAME, written, async () => (await fromFfmpeg()).init);
  const groups = groupPieces(playlist.segments, piecesPerSegment(id), playlist.ended);
  const segments = await Promise.all(
    groups.map(async (pieces, i) => {
      const name = `seg_${String(i).padStart(5, '0')}.m4s`;
      return {
        url: `${id}/${name}`,
        duration: roundMicros(pieces.reduce((sum, p) => sum + p.duration, 0)),
        bytes: await materialize(dir, name, written, async () => {
          const { shift } = await fromFfmpeg();
          const body = joinPieces(await Promise.all(pieces.map((p) => readFile(join(dir, p.uri)))));
          return presentFromZeroSegment(body, shift);
        }),
      };
    }),
  );
  return { id, init: `${id}/${INIT_FILENAME}`, segments, ended: playlist.ended };
}

/** Writes file `name` from `make` once (a group never changes); returns its size. */
async function materialize(
  dir: string,
  name: string,
  written: Map<string, number>,
  make: () => Promise<Buffer>,
): Promise<number> {
  const path = join(dir, name);
  const known = written.get(path) ?? (await stat(path).catch(() => null))?.size;
  if (known !== undefined) {
    written.set(path, known);
    return known;
  }
  const body = await make();
  // Renamed into place so a reader never sees half a file.
  await writeFile(`${path}.tmp`, body);
  await rename(`${path}.tmp`, path);
  written.set(path, body.length);
  return body.length;
}

/**
 * Codec string and picture or audio format of a produced track, read in this process from its init
 * segment's one sample entry (avcC or esds, and the entry's size or channel count and rate): no
 * ffprobe process stands between the first segments and `playable`.
 */
export async function readTrackFormat(outDir: string, track: TrackFiles): Promise<TrackFormat> {
  return trackFormatOf(await readFile(join(outDir, track.init)), track.id);
}

/** Pure: the format an fMP4 init segment declares. Our own output failing to parse is our fault: never a MediaError. */
export function trackFormatOf(init: Buffer, id: string): TrackFormat {
  const movie = parseInit(init, id);
  const [track, ...others] = movie.tracks;
  if (!track || others.length) throw new Error(`Track ${id}: the init segment should describe exactly one track`);
  if (track.video) {
    const { width, height } = track.video;
    if (!/^avc1\.[0-9a-f]{6}$/.test(track.codec) || !width || !height) {
      throw new Error(`Track ${id}: unexpected video sample entry ${track.codec} ${width}x${height}`);
    }
    return { codecs: track.codec, width, height };
  }
  if (track.audio && /^mp4a\.40\.\d+$/.test(track.codec)) {
    return { codecs: track.codec, channels: track.audio.channel_count, sampleRate: track.audio.sample_rate };
  }
  throw new Error(`Track ${id}: unexpected sample entry ${track.codec}`);
}

function parseInit(init: Buffer, id: string): Movie {
  const file = createFile();
  let movie: Movie | undefined;
  let failure: string | undefined;
  file.onReady = (info) => (movie = info);
  file.onError = (_module, message) => (failure = message);
  const bytes = init.buffer.slice(init.byteOffset, init.byteOffset + init.byteLength) as ArrayBuffer;
  file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(bytes, 0));
  file.flush();
  if (!movie) throw new Error(`Track ${id}: the init segment has no readable moov${failure ? ` (${failure})` : ''}`);
  return movie;
}
