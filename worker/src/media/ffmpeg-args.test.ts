import { buildCmafArgs } from './ffmpeg-args';
import { loadProbeFixture } from './fixtures/load';
import { planRendition } from './ladder';
import { ALLOWED_DEMUXERS, summarizeProbe } from './probe';

const landscape = summarizeProbe(loadProbeFixture('landscape-640x360'));
const plan = planRendition(landscape);

/** The value following `flag`, or undefined. */
function valueOf(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
}

describe('buildCmafArgs', () => {
  const args = buildCmafArgs('/jobs/1/source', '/jobs/1/out', landscape, plan);

  it('runs without a terminal, reports progress on stdout and reads only the local source', () => {
    expect(args.slice(0, 6)).toEqual(['-nostdin', '-hide_banner', '-y', '-progress', 'pipe:1', '-nostats']);
    const input = args.indexOf('-i');
    expect(args[input + 1]).toBe('file:/jobs/1/source');
    // Input options only count before -i.
    expect(valueOf(args.slice(0, input), '-protocol_whitelist')).toBe('file');
    expect(valueOf(args.slice(0, input), '-format_whitelist')).toBe(ALLOWED_DEMUXERS.join(','));
  });

  it('encodes H.264 High 4:2:0 at the planned size with square pixels, capped by the plan', () => {
    expect(valueOf(args, '-vf')).toBe('scale=640:360,setsar=1');
    expect(valueOf(args, '-c:v')).toBe('libx264');
    expect(valueOf(args, '-profile:v')).toBe('high');
    expect(valueOf(args, '-pix_fmt')).toBe('yuv420p');
    expect(valueOf(args, '-preset')).toBe('veryfast');
    expect(valueOf(args, '-crf')).toBeDefined();
    expect(valueOf(args, '-maxrate')).toBe(String(plan.maxrate));
    expect(valueOf(args, '-bufsize')).toBe(String(plan.bufsize));
  });

  it('forces a keyframe every 2 s and never on scene cuts, so 4 s segments cut cleanly', () => {
    expect(valueOf(args, '-force_key_frames')).toBe('expr:gte(t,n_forced*2)');
    expect(valueOf(args, '-sc_threshold')).toBe('0');
  });

  it('makes AAC-LC stereo 48 kHz from the audio stream', () => {
    expect(args.filter((a, i) => args[i - 1] === '-map')).toEqual(['0:0', '0:1']);
    expect(valueOf(args, '-c:a')).toBe('aac');
    expect(valueOf(args, '-profile:a')).toBe('aac_low');
    expect(valueOf(args, '-ac')).toBe('2');
    expect(valueOf(args, '-ar')).toBe('48000');
    expect(args).not.toContain('-an');
  });

  it('drops the customer’s metadata tags from the outputs', () => {
    expect(valueOf(args, '-map_metadata')).toBe('-1');
  });

  it('writes CMAF fMP4 segments of 4 s and a VOD playlist into outDir/<rendition>/', () => {
    expect(valueOf(args, '-f')).toBe('hls');
    expect(valueOf(args, '-hls_time')).toBe('4');
    expect(valueOf(args, '-hls_segment_type')).toBe('fmp4');
    expect(valueOf(args, '-hls_fmp4_init_filename')).toBe('init.mp4');
    expect(valueOf(args, '-hls_segment_filename')).toBe('/jobs/1/out/360p/seg_%05d.m4s');
    expect(valueOf(args, '-hls_playlist_type')).toBe('vod');
    expect(args.at(-1)).toBe('/jobs/1/out/360p/index.m3u8');
  });

  it('leaves audio out when the source has none', () => {
    const silent = summarizeProbe(loadProbeFixture('video-only'));
    const silentArgs = buildCmafArgs('/in', '/out', silent, planRendition(silent));
    expect(silentArgs).toContain('-an');
    expect(silentArgs).not.toContain('-c:a');
    expect(silentArgs.filter((a, i) => silentArgs[i - 1] === '-map')).toEqual(['0:0']);
  });

  it('maps the video by stream index, so cover art listed first is skipped', () => {
    const withArt = { ...landscape, video: { ...landscape.video, index: 2 } };
    const mapped = buildCmafArgs('/in', '/out', withArt, plan);
    expect(mapped.filter((a, i) => mapped[i - 1] === '-map')[0]).toBe('0:2');
  });

  it('scales rotated sources to the upright size (ffmpeg rotates before the filter)', () => {
    const portrait = summarizeProbe(loadProbeFixture('portrait-rotate90'));
    expect(valueOf(buildCmafArgs('/in', '/out', portrait, planRendition(portrait)), '-vf')).toBe('scale=360:640,setsar=1');
  });

  it('resolves relative output folders to absolute paths', () => {
    expect(buildCmafArgs('in.mp4', 'out', landscape, plan).at(-1)).toBe(`${process.cwd()}/out/360p/index.m3u8`);
  });
});
