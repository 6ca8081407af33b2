import { join } from 'node:path';
import type { ObjectStorage } from '@streamforge/core';
import type { OutputSink } from '../media/pipeline';
import type { GeneratedFile } from '../media/publication';
import { contentTypeOf } from '../media/transcoder';

const UPLOAD_CONCURRENCY = 4;
/** Segments, init files and images never change under a given output prefix. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The run lost its video (deleted, failed or taken over by a newer run): publish nothing more. */
export class PublishingFencedError extends Error {
  constructor(prefix: string) {
    super(`${prefix}: the run no longer owns its video; publishing stopped`);
    this.name = 'PublishingFencedError';
  }
}

/**
 * The worker's sink: copies one run's outputs to `prefix` in storage as they appear, each file once.
 * Every batch first asks `owned` whether the run still owns the video, so a deleted video gets at
 * most the batch in flight after its deletion (which the object sweep removes).
 */
export class OutputPublisher implements OutputSink {
  private readonly uploaded = new Set<string>();
  /** path → what was last stored there by `putGenerated` (body and headers), once the write succeeded. */
  private readonly generated = new Map<string, string>();

  constructor(
    private readonly storage: ObjectStorage,
    readonly prefix: string,
    private readonly outDir: string,
    private readonly owned: () => Promise<boolean> = async () => true,
  ) {}

  private async fence(): Promise<void> {
    if (!(await this.owned())) throw new PublishingFencedError(this.prefix);
  }

  async uploadFiles(paths: string[]): Promise<void> {
    await this.fence();
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

  /**
   * Writes `files` wave by wave (see `GeneratedFile.wave`), the files of one wave together, leaving
   * out each file whose body and headers are what this publisher last stored at its path: during an
   * encode most passes change one or two playlists and the manifest, not all of them.
   */
  async putGenerated(files: GeneratedFile[]): Promise<void> {
    const changed = files.filter((file) => this.generated.get(file.path) !== stamp(file));
    if (!changed.length) return;
    await this.fence();
    const waves = [...new Set(changed.map((f) => f.wave))].sort((a, b) => a - b);
    for (const wave of waves) {
      await Promise.all(
        changed
          .filter((file) => file.wave === wave)
          .map(async (file) => {
            await this.storage.putBuffer(
              `${this.prefix}/${file.path}`,
              Buffer.from(file.body),
              file.contentType,
              file.cacheControl,
            );
            this.generated.set(file.path, stamp(file));
          }),
      );
    }
  }
}

/** What a generated file's stored object holds: its headers and body. */
function stamp(file: GeneratedFile): string {
  return `${file.contentType}\n${file.cacheControl}\n${file.body}`;
}
