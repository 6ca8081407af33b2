import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLAYLIST_FILENAME } from './ffmpeg-args';
import { presentFromZeroInit, presentFromZeroSegment } from './cmaf-timing';
import { readTrackFiles, trackFormatOf } from './track-files';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));

describe('trackFormatOf: the format an fMP4 init segment declares', () => {
  it('a video rung: the avc1 string from avcC (High, level 3.0) and the sample entry size', () => {
    expect(trackFormatOf(fixture('init-video-640x360.mp4'), '360p')).toEqual({
      codecs: 'avc1.64001e',
      width: 640,
      height: 360,
    });
  });

  it('the audio track: AAC-LC from esds, channels and sample rate', () => {
    expect(trackFormatOf(fixture('init-audio-stereo-48k.mp4'), 'audio')).toEqual({
      codecs: 'mp4a.40.2',
      channels: 2,
      sampleRate: 48000,
    });
  });

  it('refuses an init segment that is not one track, and bytes that are no init segment, as our fault', () => {
    expect(() => trackFormatOf(fixture('init-muxed-av.mp4'), '180p')).toThrow(/exactly one track/);
    const cut = fixture('init-video-640x360.mp4').subarray(0, 400);
    expect(() => trackFormatOf(cut, '360p')).toThrow(/Track 360p: the init segment has no readable moov/);
    expect(() => trackFormatOf(Buffer.from('not an mp4 at all'), '360p')).toThrow(/Track 360p/);
  });
});

describe('readTrackFiles: the segments ffmpeg has finished so far', () => {
  let outDir: string;
  const dir = () => join(outDir, 'v720');
  /** An EVENT playlist as ffmpeg writes it: a first piece, then 2 s pieces (two per segment). */
  const writePieces = (count: number) => {
    const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:2', '#EXT-X-MAP:URI="piece_init.mp4"'];
    for (let i = 0; i < count; i++) {
      writeFileSync(join(dir(), `p${i}.m4s`), Buffer.alloc(100 + i, i));
      lines.push(`#EXTINF:${i === 0 ? 1 : 2}.000000,`, `p${i}.m4s`);
    }
    writeFileSync(join(dir(), PLAYLIST_FILENAME), `${lines.join('\n')}\n`);
  };

  beforeEach(() => {
    outDir = mkdtempSync(join(tmpdir(), 'sf-track-files-'));
    mkdirSync(dir());
    writeFileSync(join(dir(), 'piece_init.mp4'), Buffer.alloc(10));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it("joins each group of pieces once; with the caller's record, a segment already joined costs no file access", async () => {
    writePieces(4);
    const written = new Map<string, number>();
    const first = await readTrackFiles(outDir, 'v720', written);
    expect(first?.init).toBe('v720/init.mp4');
    expect(readFileSync(join(dir(), 'init.mp4'))).toEqual(Buffer.alloc(10));
    expect(first?.segments).toEqual([
      { url: 'v720/seg_00000.m4s', duration: 1, bytes: 100 },
      { url: 'v720/seg_00001.m4s', duration: 4, bytes: 101 + 102 },
    ]);
    expect(readFileSync(join(dir(), 'seg_00001.m4s'))).toEqual(
      Buffer.concat([Buffer.alloc(101, 1), Buffer.alloc(102, 2)]),
    );

    // Were the joined segments looked at again, the changed file would show; with the record it does not.
    writeFileSync(join(dir(), 'seg_00001.m4s'), Buffer.alloc(7));
    writePieces(6);
    const again = await readTrackFiles(outDir, 'v720', written);
    expect(again?.segments.map((s) => s.bytes)).toEqual([100, 203, 103 + 104]);
    // Without a record, every read looks each segment up on disk (and finds the changed one).
    expect((await readTrackFiles(outDir, 'v720'))?.segments.map((s) => s.bytes)).toEqual([100, 7, 207]);
  });

  it("publishes a video track presented from 0 (init's edit at 0, offsets shifted) and the audio's bytes as ffmpeg wrote them", async () => {
    const init = fixture('cmaf-video-init.mp4');
    const piece = fixture('cmaf-video-piece.m4s');
    const playlist = '#EXTM3U\n#EXT-X-MAP:URI="piece_init.mp4"\n#EXTINF:0.52,\npiece_00000.m4s\n#EXT-X-ENDLIST\n';
    for (const id of ['360p', 'audio']) {
      mkdirSync(join(outDir, id));
      writeFileSync(join(outDir, id, 'piece_init.mp4'), init);
      writeFileSync(join(outDir, id, 'piece_00000.m4s'), piece);
      writeFileSync(join(outDir, id, PLAYLIST_FILENAME), playlist);
    }
    const video = await readTrackFiles(outDir, '360p');
    expect(readFileSync(join(outDir, video!.init))).toEqual(presentFromZeroInit(init).init);
    expect(readFileSync(join(outDir, video!.segments[0].url))).toEqual(presentFromZeroSegment(piece, 1024));
    expect(presentFromZeroInit(init).init).not.toEqual(init);

    const audio = await readTrackFiles(outDir, 'audio');
    expect(readFileSync(join(outDir, audio!.init))).toEqual(init);
    expect(readFileSync(join(outDir, audio!.segments[0].url))).toEqual(piece);
  });
});
