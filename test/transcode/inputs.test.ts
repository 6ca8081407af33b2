import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INPUT_KINDS, type InputKind } from '../support/clips';
import { ffprobeJson, joinTrack, keyframeTimes, transcodeLocally } from './outputs';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sf-inputs-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** What a viewer must see: [width, height] of the top rung, upright, square pixels. */
const EXPECTED_TOP: Record<InputKind, [number, number]> = {
  'rotated-90': [180, 320],
  'rotated-270': [180, 320],
  'portrait-native': [180, 320],
  'odd-444': [320, 180],
  anamorphic: [320, 180], // 1024x576 displayed: 180p at 16:9
  vfr: [320, 180],
  interlaced: [320, 180],
  'h264-10bit': [320, 180],
  'hevc-hdr-pq': [320, 180],
  'hevc-hdr-hlg': [320, 180],
  'vp9-webm': [320, 180],
  'av1-mkv': [320, 180],
  'mpeg4-avi': [320, 180],
  'moov-at-end': [320, 180],
  'edit-list': [320, 180],
  'no-audio': [320, 180],
  'audio-longer': [320, 180],
  'multi-audio': [320, 180],
  'fps-120': [320, 180],
};

/** What the probe must have recognised, so the test proves the repair ran rather than luck. */
const RECOGNISED: Partial<Record<InputKind, object>> = {
  'rotated-90': { video: expect.objectContaining({ rotation: 90 }) },
  'rotated-270': { video: expect.objectContaining({ rotation: 270 }) },
  interlaced: { video: expect.objectContaining({ interlaced: true }) },
  'hevc-hdr-pq': { video: expect.objectContaining({ hdr: 'pq', codec: 'hevc', pixFmt: 'yuv420p10le' }) },
  'hevc-hdr-hlg': { video: expect.objectContaining({ hdr: 'hlg', codec: 'hevc' }) },
  'h264-10bit': { video: expect.objectContaining({ pixFmt: 'yuv420p10le' }) },
  'odd-444': { video: expect.objectContaining({ width: 321, height: 181, pixFmt: 'yuv444p' }) },
  anamorphic: { video: expect.objectContaining({ displayWidth: 1024, displayHeight: 576 }) },
  'av1-mkv': { video: expect.objectContaining({ codec: 'av1' }) },
  'vp9-webm': { video: expect.objectContaining({ codec: 'vp9' }) },
  'multi-audio': { audio: expect.objectContaining({ index: 2 }) }, // the track marked default
  'fps-120': { video: expect.objectContaining({ fps: 120 }) },
};

describe('any real-world input becomes the same browser-playable ladder (real ffmpeg)', () => {
  it.each(Object.keys(INPUT_KINDS) as InputKind[])('%s', async (kind) => {
    const source = join(work, `${kind}.${INPUT_KINDS[kind].ext}`);
    await INPUT_KINDS[kind].make(source);
    const outDir = join(work, `${kind}-out`);
    const { manifest, info } = await transcodeLocally(source, outDir);

    expect(info).toMatchObject(RECOGNISED[kind] ?? {});
    const sourceSeconds = info.video.duration ?? info.duration;
    expect(manifest.complete).toBe(true);
    expect(manifest.renditions.map((r) => [r.width, r.height]).at(-1)).toEqual(EXPECTED_TOP[kind]);
    const keyframes: number[][] = [];
    for (const r of manifest.renditions) {
      const joined = await joinTrack(outDir, r, join(work, `${kind}-${r.id}.mp4`));
      const probe = await ffprobeJson(joined);
      const video = probe.streams.find((s: any) => s.codec_type === 'video');
      expect(video).toMatchObject({
        codec_name: 'h264',
        profile: 'High',
        pix_fmt: 'yuv420p',
        width: r.width,
        height: r.height,
      });
      expect((video.width % 2) + (video.height % 2)).toBe(0);
      // Upright: no rotation left for the player to apply, square pixels.
      expect(video.side_data_list ?? []).toEqual([]);
      expect(['1:1', undefined]).toContain(video.sample_aspect_ratio);
      expect(probe.streams.some((s: any) => s.codec_type === 'audio')).toBe(false);
      expect(Math.abs(Number(probe.format.duration) - sourceSeconds)).toBeLessThanOrEqual(0.5);
      if (kind === 'fps-120') expect(eval(video.avg_frame_rate)).toBeLessThanOrEqual(60);
      if (kind.startsWith('hevc-hdr')) {
        // Tone-mapped to SDR and tagged as such: a missing tag would leave browsers guessing.
        expect({ transfer: video.color_transfer, primaries: video.color_primaries }).toEqual({
          transfer: 'bt709',
          primaries: 'bt709',
        });
      }
      keyframes.push(await keyframeTimes(joined));
    }
    for (const times of keyframes) expect(times).toEqual(keyframes[0]);

    if (kind === 'no-audio') expect(info.audio).toBeNull();
    if (!info.audio) {
      // Video-only sources give video-only output, not a silent track.
      expect(manifest.audio).toBeNull();
    } else {
      expect(manifest.audio).toMatchObject({ codecs: 'mp4a.40.2', channels: 2, sample_rate: 48000 });
      const audio = await ffprobeJson(await joinTrack(outDir, manifest.audio!, join(work, `${kind}-audio.mp4`)));
      expect(audio.streams).toEqual([
        expect.objectContaining({ codec_name: 'aac', profile: 'LC', channels: 2, sample_rate: '48000' }),
      ]);
      // Audio that ran past the picture is cut where the picture ends.
      expect(Number(audio.format.duration)).toBeLessThanOrEqual(sourceSeconds + 0.5);
    }
  });
});
