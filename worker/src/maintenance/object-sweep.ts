import { Injectable, Logger } from '@nestjs/common';
import { ObjectStorage, objectKeys } from '@streamforge/core';
import { DataSource } from 'typeorm';

interface VideoRow {
  id: string;
  status: string;
  output_version: number;
}

/** Pure: which folders under one video's prefix must go, given its row (or none: deleted). */
export function strayFolders(
  videoPrefix: string,
  video: Pick<VideoRow, 'status' | 'output_version'> | undefined,
  folders: string[],
): 'all' | string[] {
  // Deleted, or failed (a failed video keeps nothing): everything, source included.
  if (!video || video.status === 'failed') return 'all';
  // Published: output versions of superseded runs. Anything still moving is left alone.
  if (video.status !== 'ready') return [];
  const current = `${videoPrefix}v${video.output_version}/`;
  return folders.filter((f) => /\/v\d+\/$/.test(f) && f !== current);
}

/**
 * Deletes objects that landed after their video stopped wanting them: a PUT to an aborted or
 * expired upload's presigned URL, segments a run uploaded in the moment after its video was
 * deleted or failed, partial outputs of superseded runs. Walks the bucket's `{account}/{video}/`
 * folders and asks the database about each batch of videos. Deleting is idempotent, and a video
 * that is uploading or processing is never touched, so it is safe beside the api and workers.
 */
@Injectable()
export class ObjectSweep {
  private readonly logger = new Logger(ObjectSweep.name);

  constructor(
    private readonly db: DataSource,
    private readonly storage: ObjectStorage,
  ) {}

  async run(): Promise<number> {
    let deleted = 0;
    for (const account of await this.storage.listFolders('')) {
      const videoPrefixes = await this.storage.listFolders(account);
      for (let i = 0; i < videoPrefixes.length; i += 500) {
        const batch = videoPrefixes.slice(i, i + 500);
        const ids = batch.map((p) => p.slice(account.length, -1));
        const rows = (await this.db.query(`SELECT id, status, output_version FROM videos WHERE id = ANY($1)`, [
          ids,
        ])) as VideoRow[];
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const [n, prefix] of batch.entries()) {
          const video = byId.get(ids[n]);
          const accountId = account.slice(0, -1);
          if (prefix !== objectKeys.video(accountId, ids[n])) continue;
          const folders = video?.status === 'ready' ? await this.storage.listFolders(prefix) : [];
          const stray = strayFolders(prefix, video, folders);
          for (const folder of stray === 'all' ? [prefix] : stray) deleted += await this.storage.deletePrefix(folder);
        }
      }
    }
    if (deleted) this.logger.log(`removed ${deleted} stray object(s)`);
    return deleted;
  }
}
