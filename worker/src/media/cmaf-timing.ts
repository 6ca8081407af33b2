/**
 * A video track with B-frames decodes its first picture before it shows it, so x264's first
 * composition time is a few frames after its first decode time. ffmpeg writes the fMP4 with
 * unsigned composition offsets and an edit list in the init segment that starts presentation at
 * that first picture. Browsers' MSE and ffprobe honour the edit list; hls.js does not: it reads
 * times from `tfdt` and `trun` alone, takes every fragment to start and end those frames late, and
 * when it appends a fragment again (after a rung switch) it counts the frames it expected but never
 * sees as an append that made no progress (`bufferAppendNoProgress`).
 *
 * So the published video tracks carry the shift in the samples themselves, as CMAF allows: every
 * `trun` becomes version 1 (signed composition offsets) with the edit list's start subtracted from
 * each offset, and the edit list starts at 0. Every picture keeps its decode time and is presented
 * at exactly the time the edit list gave it, and the first one at 0 for MSE, hls.js and dash.js. Sizes
 * do not change, so the boxes are rewritten in place on a copy. One reader differs: ffmpeg's MP4
 * demuxer presents a track with negative offsets later by the most negative offset it has met so far
 * (one or two frames here), so ffprobe's times are not the players' (the README says so).
 */

interface Box {
  type: string;
  /** Offset of the box's first byte. */
  start: number;
  /** Offset of its payload (after size, type and a large size). */
  body: number;
  end: number;
}

const CONTAINERS = new Set(['moov', 'trak', 'edts', 'moof', 'traf']);

/** The boxes between `from` and `to`; a box that does not fit is malformed output: an Error. */
function* boxes(bytes: Buffer, from: number, to: number): Generator<Box> {
  let at = from;
  while (at + 8 <= to) {
    let size = bytes.readUInt32BE(at);
    let body = at + 8;
    if (size === 1) {
      if (at + 16 > to) break;
      size = Number(bytes.readBigUInt64BE(at + 8));
      body = at + 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < body - at || at + size > to) throw new Error(`A box at ${at} runs past its parent`);
    yield { type: bytes.toString('latin1', at + 4, at + 8), start: at, body, end: at + size };
    at += size;
  }
  if (at !== to) throw new Error(`Trailing bytes after the last box at ${at}`);
}

/** Every box at `path` (e.g. moov/trak/edts/elst), depth first. */
function find(bytes: Buffer, path: string[], from = 0, to = bytes.length): Box[] {
  const [head, ...rest] = path;
  const found: Box[] = [];
  for (const box of boxes(bytes, from, to)) {
    if (box.type !== head) continue;
    if (rest.length === 0) found.push(box);
    else if (CONTAINERS.has(box.type)) found.push(...find(bytes, rest, box.body, box.end));
  }
  return found;
}

interface Edit {
  /** Where the media time is stored, and its width in bytes. */
  mediaTimeAt: number;
  width: 4 | 8;
  mediaTime: number;
}

/** The one edit of a single-track init whose list is exactly one edit played at rate 1; else null. */
function soleEdit(init: Buffer): Edit | null {
  const tracks = find(init, ['moov', 'trak']);
  if (tracks.length !== 1) return null;
  const lists = find(init, ['edts', 'elst'], tracks[0].body, tracks[0].end);
  if (lists.length !== 1) return null;
  const elst = lists[0];
  const version = init.readUInt8(elst.body);
  const width = version === 1 ? 8 : 4;
  if (elst.body + 8 + 2 * width + 4 > elst.end || init.readUInt32BE(elst.body + 4) !== 1) return null;
  const mediaTimeAt = elst.body + 8 + width;
  const mediaTime = width === 8 ? Number(init.readBigInt64BE(mediaTimeAt)) : init.readInt32BE(mediaTimeAt);
  const rate = init.readUInt32BE(mediaTimeAt + width);
  if (mediaTime < 0 || rate !== 0x10000) return null;
  return { mediaTimeAt, width, mediaTime };
}

/**
 * Pure: how far (in the track's timescale) the init's edit list moves presentation, and the init
 * with that edit starting at 0. `shift` 0 (and the init unchanged) when there is nothing to move or
 * the edit list has a shape other than one plain edit (then the track is published as ffmpeg made it).
 */
export function presentFromZeroInit(init: Buffer): { shift: number; init: Buffer } {
  const edit = soleEdit(init);
  if (!edit || edit.mediaTime === 0) return { shift: 0, init };
  const out = Buffer.from(init);
  if (edit.width === 8) out.writeBigInt64BE(0n, edit.mediaTimeAt);
  else out.writeInt32BE(0, edit.mediaTimeAt);
  return { shift: edit.mediaTime, init: out };
}

const TRUN_DATA_OFFSET = 0x1;
const TRUN_FIRST_SAMPLE_FLAGS = 0x4;
const TRUN_DURATION = 0x100;
const TRUN_SIZE = 0x200;
const TRUN_FLAGS = 0x400;
const TRUN_COMPOSITION_OFFSET = 0x800;

/**
 * Pure: a media segment (one or more `moof` + `mdat`) with `shift` taken from every sample's
 * composition offset, each `trun` then version 1. `shift` 0 returns the bytes as they are. A `trun`
 * without composition offsets cannot carry the shift: our own output, so an Error.
 */
export function presentFromZeroSegment(segment: Buffer, shift: number): Buffer {
  if (shift === 0) return segment;
  const out = Buffer.from(segment);
  for (const trun of find(out, ['moof', 'traf', 'trun'])) {
    const version = out.readUInt8(trun.body);
    const flags = out.readUIntBE(trun.body + 1, 3);
    if (!(flags & TRUN_COMPOSITION_OFFSET)) throw new Error('A video fragment has no composition offsets to shift');
    const count = out.readUInt32BE(trun.body + 4);
    let at = trun.body + 8;
    if (flags & TRUN_DATA_OFFSET) at += 4;
    if (flags & TRUN_FIRST_SAMPLE_FLAGS) at += 4;
    const before = [TRUN_DURATION, TRUN_SIZE, TRUN_FLAGS].filter((f) => flags & f).length * 4;
    const stride = before + 4;
    if (at + count * stride > trun.end) throw new Error('A trun box is shorter than its samples');
    out.writeUInt8(1, trun.body);
    for (let i = 0; i < count; i++) {
      const where = at + i * stride + before;
      const offset = version === 1 ? out.readInt32BE(where) : out.readUInt32BE(where);
      out.writeInt32BE(offset - shift, where);
    }
  }
  return out;
}
