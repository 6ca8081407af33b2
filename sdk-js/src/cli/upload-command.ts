import { SingleBar } from 'cli-progress';
import { StreamForge, type Video } from '../node/index';
import { formatBytes, formatDuration } from './explain';

export interface UploadCommandOptions {
  title?: string;
  concurrency?: number;
  wait?: boolean;
  json?: boolean;
}

/** Exit status when paused by Ctrl-C: 130, as shells report SIGINT. */
export const PAUSED_EXIT_CODE = 130;

export async function uploadCommand(
  sf: StreamForge,
  path: string,
  opts: UploadCommandOptions,
  out: NodeJS.WriteStream,
) {
  const bar = new SingleBar({
    format: '{bar} {percentage}% | {done} / {total_size} | {speed} | ETA {eta_text}',
    hideCursor: true,
    stream: process.stderr,
    noTTYOutput: false,
  });
  let started = false;
  const handle = sf.upload(path, { title: opts.title, concurrency: opts.concurrency });
  handle.on('progress', (p) => {
    const payload = {
      done: formatBytes(p.bytesCommitted + p.bytesInFlight),
      total_size: formatBytes(p.bytesTotal),
      speed: `${formatBytes(p.speed)}/s`,
      eta_text: formatDuration(p.etaSeconds),
    };
    const value = Math.round(p.percent * 10) / 10;
    if (!started) {
      started = true;
      bar.start(100, value, payload);
      if (p.bytesCommitted > 0)
        process.stderr.write(`Resuming: ${p.partsCommitted} of ${p.partCount} parts already uploaded.\n`);
    } else bar.update(value, payload);
  });

  // Ctrl-C pauses: in-flight parts stop, recorded parts stay recorded, and rerunning resumes.
  const onSigint = () => {
    handle.pause();
    bar.stop();
    process.stderr.write(
      `\nPaused. Run the same command again to resume${handle.uploadId ? ` (upload ${handle.uploadId})` : ''}.\n`,
    );
    process.exit(PAUSED_EXIT_CODE);
  };
  process.once('SIGINT', onSigint);
  try {
    const result = await handle;
    bar.stop();
    if (!opts.wait) {
      print(
        out,
        opts.json,
        { upload_id: result.uploadId, video_id: result.videoId, status: result.video?.status ?? 'processing' },
        () => `Uploaded. Video ${result.videoId} is processing.`,
      );
      return;
    }
    process.stderr.write(`Uploaded. Waiting for video ${result.videoId} to be ready…\n`);
    const video = await waitUntilSettled(sf, result.videoId);
    printVideo(out, video, opts.json);
    if (video.status === 'failed') process.exitCode = 1;
  } finally {
    bar.stop();
    process.removeListener('SIGINT', onSigint);
  }
}

export async function waitUntilSettled(sf: StreamForge, videoId: string, intervalMs = 2000): Promise<Video> {
  for (;;) {
    const video = await sf.videos.retrieve(videoId);
    if (video.status === 'ready' || video.status === 'failed') return video;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function printVideo(out: NodeJS.WriteStream, video: Video, json?: boolean) {
  print(out, json, video, () => {
    const lines = [`${video.id}  ${video.status}${video.title ? `  "${video.title}"` : ''}`];
    const v = video as Video & {
      playback?: Record<string, string | null> | null;
      error?: { code: string; message: string } | null;
    };
    if (v.error) lines.push(`  error: ${v.error.code} — ${v.error.message}`);
    for (const [name, url] of Object.entries(v.playback ?? {})) if (url) lines.push(`  ${name}: ${url}`);
    return lines.join('\n');
  });
}

function print(out: NodeJS.WriteStream, json: boolean | undefined, value: unknown, text: () => string) {
  out.write(`${json ? JSON.stringify(value, null, 2) : text()}\n`);
}
