import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { presentFromZeroInit, presentFromZeroSegment } from './cmaf-timing';
import { trackFormatOf } from './track-files';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));
const init = fixture('cmaf-video-init.mp4');
const piece = fixture('cmaf-video-piece.m4s');

/** Byte offsets where `a` and `b` (same length) differ. */
function differing(a: Buffer, b: Buffer): number[] {
  expect(b.length).toBe(a.length);
  return [...a.keys()].filter((i) => a[i] !== b[i]);
}

/** The fixture's trun, read at fixed offsets: flags 0xa05 = data offset, first-sample flags, size, composition offset. */
function trunOf(segment: Buffer) {
  const at = segment.indexOf('trun') + 4;
  const version = segment[at];
  const count = segment.readUInt32BE(at + 4);
  const first = at + 16; // version+flags, count, data offset, first-sample flags
  const offsets = Array.from({ length: count }, (_, i) =>
    version === 1 ? segment.readInt32BE(first + i * 8 + 4) : segment.readUInt32BE(first + i * 8 + 4),
  );
  return { version, offsetsAt: Array.from({ length: count }, (_, i) => first + i * 8 + 4), offsets };
}

describe('cmaf-timing: a video track presented from 0 without an edit list (what hls.js reads)', () => {
  it("reads the edit list's start (two frames) and writes an init whose edit starts at 0, nothing else changed", () => {
    const { shift, init: out } = presentFromZeroInit(init);
    expect(shift).toBe(1024);
    const at = init.indexOf('elst') + 4 + 8 + 4; // version+flags, count, segment duration
    expect(init.readInt32BE(at)).toBe(1024);
    expect(out.readInt32BE(at)).toBe(0);
    expect(differing(init, out).every((i) => i >= at && i < at + 4)).toBe(true);
    // Still the same track to every reader.
    expect(trackFormatOf(out, 'v')).toEqual(trackFormatOf(init, 'v'));
  });

  it('moves the shift into every composition offset (trun version 1, signed): the first picture at 0, every other time kept', () => {
    const before = trunOf(piece);
    expect(before.version).toBe(0);
    expect(before.offsets.length).toBe(13);
    const out = presentFromZeroSegment(piece, 1024);
    const after = trunOf(out);
    expect(after.version).toBe(1);
    expect(after.offsets).toEqual(before.offsets.map((o) => o - 1024));
    // B-frames are now shown before they are decoded + the old shift: negative offsets.
    expect(after.offsets[0]).toBe(0);
    expect(Math.min(...after.offsets)).toBeLessThan(0);
    // Only the version byte and the offsets changed; the mdat and the rest are the same bytes.
    const versionAt = piece.indexOf('trun') + 4;
    const allowed = new Set([versionAt, ...after.offsetsAt.flatMap((o) => [o, o + 1, o + 2, o + 3])]);
    expect(differing(piece, out).filter((i) => !allowed.has(i))).toEqual([]);
    // A segment of several pieces (a second moof) is shifted throughout.
    const two = presentFromZeroSegment(Buffer.concat([piece, piece]), 1024);
    expect(two.subarray(piece.length)).toEqual(out);
  });

  it('nothing to move: no edit, or an edit list of another shape (left as ffmpeg wrote it)', () => {
    expect(presentFromZeroSegment(piece, 0)).toBe(piece);
    // An empty edit before the media (two entries): not ours to rewrite.
    const twoEdits = fixture('init-video-640x360.mp4');
    expect(presentFromZeroInit(twoEdits)).toEqual({ shift: 0, init: twoEdits });
    // The audio's priming edit is not touched by the caller; a single-track init without an edit list is unchanged.
    const noEdit = Buffer.from(init);
    noEdit.write('free', init.indexOf('edts'), 'latin1');
    expect(presentFromZeroInit(noEdit).shift).toBe(0);
  });

  it('refuses bytes it cannot shift rather than publish a wrong timeline', () => {
    const noOffsets = Buffer.from(piece);
    const flagsAt = piece.indexOf('trun') + 5;
    noOffsets.writeUIntBE(0xa05 & ~0x800, flagsAt, 3);
    expect(() => presentFromZeroSegment(noOffsets, 1024)).toThrow(/no composition offsets/);
    expect(() => presentFromZeroSegment(piece.subarray(0, 300), 1024)).toThrow(/runs past its parent/);
    const short = Buffer.from(piece);
    short.writeUInt32BE(1000, piece.indexOf('trun') + 8);
    expect(() => presentFromZeroSegment(short, 1024)).toThrow(/shorter than its samples/);
  });
});
