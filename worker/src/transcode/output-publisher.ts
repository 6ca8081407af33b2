import { join } from 'node:path';
import type { ObjectStorage } from '@streamforge/core';
import type { OutputSink } from '../media/pipeline';
import type { GeneratedFile } from '../media/publication';
import { contentTypeOf } from '../media/transcoder';

const UPLOAD_CONCURRENCY = 4;
/** Segments, init files and images never change under a given output prefix. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The worker's sink: copies one run's outputs to `prefix` in storage as they appear, each file once. */
export class OutputPublisher implements OutputSink {
  private readonly uploaded = new Set<string>();

  constructor(
    private readonly storage: ObjectStorage,
    readonly prefix: string,
    private readonly outDir: string,
  ) {}

  async uploadFiles(paths: string[]): Promise<void> {
    const pending = paths.filter((p) => !this.uploaded.has(p));
    let next = 0;
    const lane = async () => {
      while (next < pending.length) {
        const path = pending[next++];
        await this.storage.putFile(`${this.prefix}/${path}`, join(this.outDir, path), contentTypeOf(path), IMMUTABLE);
        this.uploaded.add(path);
      }
    };
    await Promise.all(Array.from({ length: UPLOAD_CONCURRENCY }, lane));
  }

  async putGenerated(files: GeneratedFile[]): Promise<void> {
    for (const file of files) {
      await this.storage.putBuffer(
        `${this.prefix}/${file.path}`,
        Buffer.from(file.body),
        file.contentType,
        file.cacheControl,
      );
    }
  }
}
