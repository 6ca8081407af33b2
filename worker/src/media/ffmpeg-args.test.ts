import { DEFAULT_LADDER, parseLadder } from '@streamforge/core';
import { AUDIO_ID, buildLadderArgs, piecesPerSegment } from './ffmpeg-args';
import { buildFilterGraph } from './filter-graph';
import { type FixtureName, loadProbeFixture } from './fixtures/load';
import { planLadder } from './ladder';
import { summarizeProbe } from './media-info';
import { ALLOWED_DEMUXERS } from './probe';
import { planStoryboard } from './storyboard';

const SETTINGS = { preset: 'veryfast', crf: 23, maxPixels: 8_294_400 };

function argsFor(name: FixtureName) {
  const info = summarizeProbe(loadProbeFixture(name));
  const plans = planLadder(info, parseLadder('90:300,180:600'));
  const top = plans.at(-1)!;
  const graph = buildFilterGraph(info, plans, planStoryboard(info.duration, top.width, top.height));
  return { info, plans, graph, args: buildLadderArgs('/jobs/1/source', '/jobs/1/out', info, plans, graph, SETTINGS) };
}

/** Every value following `flag`. */
function valuesOf(args: string[], flag: string): string[] {
  return args.flatMap((a, i) => (a === flag ? [args[i + 1]] : []));
}

describe('buildLadderArgs', () => {
  const { args, plans } = argsFor('landscape-640x360');

  it('runs without a terminal, reports progress on stdout and reads only the local source, refusing huge pictures', () => {
    expect(args.slice(0, 8)).toEqual([
      '-nostdin',
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-progress',
      'pipe:1',
      '-nostats',
    ]);
    const input = args.indexOf('-i');
    expect(args[input + 1]).toBe('file:/jobs/1/source');
    const before = args.slice(0, input);
    expect(valuesOf(before, '-protocol_whitelist')).toEqual(['file']);
    expect(valuesOf(before, '-format_whitelist')).toEqual([ALLOWED_DEMUXERS.join(',')]);
    expect(valuesOf(before, '-max_pixels')).toEqual(['8294400']);
    expect(args.filter((a) => a === '-i')).toHaveLength(1);
  });

  it('one H.264 High 4:2:0 output per rung, CRF capped by the rung maxrate, keyframes at 0 and 0.5 s then every 2 s, no scene cuts', () => {
    expect(valuesOf(args, '-c:v')).toEqual(['libx264', 'libx264']);
    expect(valuesOf(args, '-profile:v')).toEqual(['high', 'high']);
    expect(valuesOf(args, '-pix_fmt')).toEqual(['yuv420p', 'yuv420p']);
    expect(valuesOf(args, '-preset')).toEqual(['veryfast', 'veryfast']);
    expect(valuesOf(args, '-crf')).toEqual(['23', '23']);
    expect(valuesOf(args, '-maxrate')).toEqual(plans.map((p) => String(p.maxrate)));
    expect(valuesOf(args, '-force_key_frames')).toEqual([
      'expr:gte(t,0.5+(n_forced-1)*2)',
      'expr:gte(t,0.5+(n_forced-1)*2)',
    ]);
    expect(valuesOf(args, '-sc_threshold')).toEqual(['0', '0']);
    // The first DTS stays negative, so the init's edit list says where presentation starts (the worker
    // then moves that shift into the samples: cmaf-timing).
    expect(valuesOf(args, '-avoid_negative_ts')).toEqual(['disabled', 'disabled']);
    expect(valuesOf(args, '-map')).toEqual(['[v0]', '[v1]', '0:1', '[thumbs]', '[storyboard]', '[poster]']);
  });

  it('one shared AAC-LC stereo 48 kHz audio output, and fMP4 pieces cut from 0.5 s on (joined into segments) in EVENT playlists, init written for the worker', () => {
    expect(valuesOf(args, '-c:a')).toEqual(['aac']);
    expect(valuesOf(args, '-profile:a')).toEqual(['aac_low']);
    expect(valuesOf(args, '-ac')).toEqual(['2']);
    expect(valuesOf(args, '-ar')).toEqual(['48000']);
    expect(valuesOf(args, '-hls_time')).toEqual(['0.5', '0.5', '0.5']);
    expect(valuesOf(args, '-hls_fmp4_init_filename')).toEqual(['piece_init.mp4', 'piece_init.mp4', 'piece_init.mp4']);
    expect(valuesOf(args, '-hls_segment_type')).toEqual(['fmp4', 'fmp4', 'fmp4']);
    expect(valuesOf(args, '-hls_playlist_type')).toEqual(['event', 'event', 'event']);
    expect(valuesOf(args, '-hls_segment_filename')).toEqual([
      '/jobs/1/out/90p/piece_%05d.m4s',
      '/jobs/1/out/180p/piece_%05d.m4s',
      '/jobs/1/out/audio/piece_%05d.m4s',
    ]);
  });

  it('joins pieces into segments of SEGMENT_SECONDS: 2 s video pieces two at a time, 0.5 s audio pieces eight at a time', () => {
    expect(piecesPerSegment('1080p')).toBe(2);
    expect(piecesPerSegment(AUDIO_ID)).toBe(8);
  });

  it("strips the customer's metadata from every media output", () => {
    expect(valuesOf(args, '-map_metadata')).toEqual(['-1', '-1', '-1']);
  });

  it('writes video-only output when there is no audio', () => {
    const silent = argsFor('no-audio').args;
    expect(valuesOf(silent, '-c:a')).toEqual([]);
    expect(silent.join(' ')).not.toContain('/audio/');
  });

  it("cuts audio that runs past the picture at the picture's end", () => {
    const { args: longer, info } = argsFor('audio-longer');
    expect(valuesOf(longer, '-t')).toEqual([info.video.duration!.toFixed(3)]);
    expect(valuesOf(args, '-t')).toEqual([]);
  });

  it('maps the default audio track among several', () => {
    expect(valuesOf(argsFor('multi-audio').args, '-map')).toContain('0:2');
  });
});

describe('buildFilterGraph', () => {
  it('decodes once and splits to every rung, thumbnails, storyboard and poster', () => {
    const { graph } = argsFor('landscape-640x360');
    expect(graph).toMatch(/^\[0:0\]format=yuv420p,split=4\[s0\]\[s1\]\[s2\]\[s3\];/);
    expect(graph).toContain('[s0]scale=160:90,setsar=1[v0]');
    expect(graph).toContain('[s1]scale=320:180,setsar=1[v1]');
    expect(graph).toContain("[s2]select='gte(t\\,4*selected_n)'");
    // A sliding-window sprite: written after the first tile, so it never holds back progress reports.
    expect(graph).toMatch(/tile=2x1:nb_frames=2:init_padding=1:overlap=1\[storyboard\]/);
    expect(graph).toContain("[s3]select='gte(t\\,1.000)*eq(selected_n\\,0)',scale=320:180,setsar=1[poster]");
  });

  it('deinterlaces interlaced sources', () => {
    expect(argsFor('interlaced').graph).toMatch(/^\[0:0\]bwdif=mode=send_frame:deint=interlaced,format=yuv420p,split/);
  });

  it.each<FixtureName>(['hevc-hdr-pq', 'hevc-hdr-hlg'])('tone-maps %s to SDR BT.709 before 8-bit 4:2:0', (name) => {
    expect(argsFor(name).graph).toMatch(
      /zscale=t=linear.*tonemap=tonemap=hable.*zscale=t=bt709:m=bt709:r=tv,format=yuv420p,split/,
    );
  });

  it('tags tone-mapped rungs as BT.709 and leaves SDR sources untagged', () => {
    const hdr = argsFor('hevc-hdr-pq').args;
    for (const flag of ['-color_primaries', '-color_trc', '-colorspace'])
      expect(valuesOf(hdr, flag)).toEqual(['bt709', 'bt709']);
    expect(valuesOf(argsFor('landscape-640x360').args, '-color_trc')).toEqual([]);
  });

  it('brings 10-bit and 4:4:4 down to 8-bit 4:2:0 without tone-mapping SDR', () => {
    for (const name of ['h264-10bit', 'odd-444'] as const) {
      expect(argsFor(name).graph).toMatch(/^\[0:0\]format=yuv420p,split/);
    }
  });

  it('caps 120 fps at 60', () => {
    expect(argsFor('fps-120').graph).toMatch(/^\[0:0\]fps=60,format=yuv420p,split/);
  });

  it('scales anamorphic video to square pixels at its display aspect', () => {
    expect(argsFor('anamorphic').graph).toContain('scale=320:180,setsar=1[v1]');
  });

  it('leaves rotation to ffmpeg (it applies the display matrix before the graph) and sizes rungs upright', () => {
    const { graph } = argsFor('rotated-90');
    expect(graph).not.toMatch(/transpose|rotate/);
    expect(graph).toContain('scale=180:320,setsar=1[v1]');
  });
});

describe('the default ladder', () => {
  it('is 360/720/1080', () => {
    expect(parseLadder(DEFAULT_LADDER).map((r) => r.shortSide)).toEqual([360, 720, 1080]);
  });
});

describe('threads', () => {
  const build = (threads?: number) => {
    const { info, plans, graph } = argsFor('landscape-640x360');
    return buildLadderArgs('/s', '/o', info, plans, graph, { ...SETTINGS, threads });
  };

  it("leaves ffmpeg its own choice when unset (one job has the host's every core)", () => {
    const args = build();
    expect(args).not.toContain('-threads');
    expect(args).not.toContain('-filter_complex_threads');
  });

  it("gives the decoder, the filter graph and every encoder the job's share of the cores", () => {
    const args = build(1);
    const input = args.indexOf('-i');
    expect(args.slice(input - 8, input - 6)).toEqual(['-threads', '1']);
    expect(valuesOf(args, '-filter_complex_threads')).toEqual(['1']);
    // Decoder + each of the 90p and 180p encoders.
    expect(valuesOf(args, '-threads')).toEqual(['1', '1', '1']);
  });
});
