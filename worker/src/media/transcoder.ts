import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MediaError } from './errors';
import { buildCmafArgs, PLAYLIST_FILENAME, SEGMENT_SECONDS } from './ffmpeg-args';
import { planRendition, type RenditionPlan } from './ladder';
import { buildManifest, MANIFEST_FILENAME, readProducedRendition, type Manifest } from './manifest';
import { probeFile, summarizeProbe, type MediaInfo } from './probe';
import { createProgressParser } from './progress';
import { runProcess } from './process-runner';

export interface TranscodeOptions {
  /** Budget for the whole transcode; a run still going when it is spent is killed. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Whole percents 0–100, each at most once, in increasing order. */
  onProgress?: (percent: number) => void;
}

export interface OutputFile {
  /** Relative to outDir, `/`-separated: the suffix of the object key. */
  relativePath: string;
  contentType: string;
}

export interface TranscodeResult {
  info: MediaInfo;
  plan: RenditionPlan;
  manifest: Manifest;
  /** Every file to upload, manifest.json included. */
  files: OutputFile[];
}

/**
 * Source file → one H.264/AAC CMAF rung plus manifest.json in `outDir`.
 * Bad media rejects with MediaError (fail the job now); anything else is a plain Error (retry).
 */
export async function transcodeToCmaf(inputPath: string, outDir: string, options: TranscodeOptions): Promise<TranscodeResult> {
  const deadline = Date.now() + options.timeoutMs;
  const budget = () => ({ timeoutMs: Math.max(1, deadline - Date.now()), signal: options.signal });
  const info = summarizeProbe(await probeFile(inputPath, budget()));
  const plan = planRendition(info);
  await mkdir(join(outDir, plan.id), { recursive: true });

  const onStdoutLine = options.onProgress ? createProgressParser(info.duration, options.onProgress) : undefined;
  const result = await runProcess('ffmpeg', buildCmafArgs(inputPath, outDir, info, plan), { ...budget(), onStdoutLine });
  if (result.code !== 0) throw ffmpegFailure(result.code, result.signal, result.stderrTail);

  const produced = await readProducedRendition(outDir, plan.id, budget());
  const manifest = buildManifest([produced], SEGMENT_SECONDS);
  assertComplete(info, manifest.duration);
  await writeFile(join(outDir, MANIFEST_FILENAME), JSON.stringify(manifest, null, 2));
  options.onProgress?.(100);
  return { info, plan, manifest, files: outputFiles(manifest) };
}

/** Pure: the upload list, derived from the manifest so stray files in outDir are never published. */
export function outputFiles(manifest: Manifest): OutputFile[] {
  const paths = [MANIFEST_FILENAME];
  for (const r of manifest.renditions) {
    paths.push(`${r.id}/${PLAYLIST_FILENAME}`, r.init, ...r.segments.map((s) => s.url));
  }
  return paths.map((relativePath) => ({ relativePath, contentType: contentTypeOf(relativePath) }));
}

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json',
  m3u8: 'application/vnd.apple.mpegurl',
  mp4: 'video/mp4',
  m4s: 'video/iso.segment',
};

export function contentTypeOf(relativePath: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(relativePath)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

/**
 * Pure. ffmpeg exits 0 on a truncated upload and encodes what is there, so compare what came out
 * with what the header promised. The video track's own length is the reference: a longer audio
 * track is not a defect, and the output's playable length follows the video.
 */
export function assertComplete(info: MediaInfo, producedSeconds: number): void {
  const expected = info.video.duration ?? info.duration;
  if (expected - producedSeconds > Math.max(2, expected * 0.1)) {
    throw new MediaError(
      'corrupt_media',
      `The file ends early: it says it lasts ${expected.toFixed(1)} s but only ${producedSeconds.toFixed(1)} s could be decoded. ` +
        'It may be truncated or damaged.',
    );
  }
}

/** Conditions of the machine, not of the file: worth a retry. */
const ENVIRONMENT_FAILURES = /No space left on device|Cannot allocate memory|Too many open files|Disk quota exceeded/i;

/** Pure. The file probed fine, so an ffmpeg failure means undecodable media, unless the machine is at fault. */
export function ffmpegFailure(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): Error {
  const detail = new Error(`ffmpeg exited with ${code ?? signal}: ${stderrTail}`);
  if (code === null || ENVIRONMENT_FAILURES.test(stderrTail)) return detail;
  return new MediaError('corrupt_media', 'The video could not be decoded; the file may be damaged or truncated.', { cause: detail });
}
