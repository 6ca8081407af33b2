import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type AppConfig, ObjectStorage, objectKeys, type TranscodeJob } from '@streamforge/core';
import { MediaError } from '../media/errors';
import { transcodeToCmaf } from '../media/transcoder';
import { APP_CONFIG } from '../tokens';
import { VideoStates } from './video-states';

const UPLOAD_CONCURRENCY = 4;

/** Source in S3 → temp file → ffmpeg → outputs in S3 → video `ready` (or `failed` with a code). */
@Injectable()
export class TranscodeService {
  private readonly logger = new Logger(TranscodeService.name);

  constructor(
    private readonly storage: ObjectStorage,
    private readonly states: VideoStates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(job: TranscodeJob, signal: AbortSignal): Promise<'ready' | 'stale'> {
    const video = await this.states.claim(job);
    if (!video) return 'stale';
    const workDir = await mkdtemp(join(tmpdir(), `sf-${job.videoId}-`));
    try {
      await this.states.progress(job, 'downloading', 0);
      const sourcePath = join(workDir, 'source');
      if (!(await this.storage.download(video.sourceKey, sourcePath, signal))) {
        throw new MediaError('source_missing', 'The uploaded file is no longer in storage.');
      }

      await this.states.progress(job, 'transcoding', 0);
      const outDir = join(workDir, 'out');
      let lastReport = 0;
      const result = await transcodeToCmaf(sourcePath, outDir, {
        timeoutMs: this.config.transcode.timeoutSeconds * 1000,
        signal,
        onProgress: (percent) => {
          // At most one write a second: progress is for humans polling the API.
          if (Date.now() - lastReport < 1000) return;
          lastReport = Date.now();
          void this.states.progress(job, 'transcoding', percent).catch(() => undefined);
        },
      });

      await this.states.progress(job, 'uploading', 0);
      // Each attempt publishes under its own prefix, so two workers never mix their outputs.
      const prefix = objectKeys.outputPrefix(job.accountId, job.videoId, job.attempt);
      await this.uploadAll(outDir, prefix, result.files);

      const rendition = result.manifest.renditions[0];
      const published = await this.states.ready(job, {
        outputPrefix: prefix,
        manifestKey: `${prefix}/manifest.json`,
        duration: result.manifest.duration,
        width: rendition.width,
        height: rendition.height,
        renditions: result.manifest.renditions.map((r) => ({
          id: r.id,
          type: r.type,
          width: r.width,
          height: r.height,
          codecs: r.codecs,
          bandwidth: r.bandwidth,
        })),
      });
      if (!published) {
        await this.storage.deletePrefix(`${prefix}/`);
        return 'stale';
      }
      return 'ready';
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }

  private async uploadAll(outDir: string, prefix: string, files: { relativePath: string; contentType: string }[]) {
    // manifest.json last: a reader that finds it can fetch everything it lists.
    const ordered = [...files].sort((a, b) => Number(a.relativePath === 'manifest.json') - Number(b.relativePath === 'manifest.json'));
    const manifest = ordered.pop()!;
    let next = 0;
    const lane = async () => {
      while (next < ordered.length) {
        const file = ordered[next++];
        await this.storage.putFile(`${prefix}/${file.relativePath}`, join(outDir, file.relativePath), file.contentType, 'public, max-age=31536000, immutable');
      }
    };
    await Promise.all(Array.from({ length: UPLOAD_CONCURRENCY }, lane));
    await this.storage.putFile(`${prefix}/${manifest.relativePath}`, join(outDir, manifest.relativePath), manifest.contentType, 'public, max-age=60');
    this.logger.log(`published ${files.length} files under ${prefix}`);
  }
}
