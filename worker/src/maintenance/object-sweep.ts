import { Inject, Injectable, Logger } from '@nestjs/common';
import { type AppConfig, ObjectStorage, objectKeys } from '@streamforge/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../tokens';

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

/** Pure: the `{account}/{video}/vN/` folders among `keys`, each once. */
export function foldersOf(videoPrefix: string, keys: string[]): string[] {
  const folders = new Set<string>();
  for (const key of keys) {
    const rest = key.slice(videoPrefix.length);
    if (key.startsWith(videoPrefix) && rest.includes('/')) folders.add(`${videoPrefix}${rest.split('/')[0]}/`);
  }
  return [...folders];
}

/**
 * Deletes objects that landed after their video stopped wanting them: a PUT to an aborted or
 * expired upload's presigned URL, segments a run uploaded in the moment after its video was
 * deleted or failed, partial outputs of superseded runs.
 *
 * It looks only where that can happen, so its cost follows the recent changes and not the size of
 * the bucket: videos deleted (their `video.deleted` events), failed or made ready within the
 * window in which a late write can still arrive, which is the presigned URL lifetime plus the
 * transcode timeout plus an hour. Deleting is idempotent, and a video that is uploading or
 * processing is never touched, so it is safe beside the api and the workers.
 */
@Injectable()
export class ObjectSweep {
  private readonly logger = new Logger(ObjectSweep.name);

  constructor(
    private readonly db: DataSource,
    private readonly storage: ObjectStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get windowSeconds(): number {
    return this.config.uploads.presignedUrlTtlSeconds + this.config.transcode.timeoutSeconds + 3600;
  }

  async run(): Promise<number> {
    const window = this.windowSeconds;
    const deleted = (await this.db.query(
      `SELECT DISTINCT account_id, data->'object'->>'id' AS id FROM events
        WHERE type = 'video.deleted' AND created_at > now() - make_interval(secs => $1)`,
      [window],
    )) as Array<{ account_id: string; id: string }>;
    const changed = (await this.db.query(
      `SELECT account_id, id, status, output_version FROM videos
        WHERE (status = 'failed' OR (status = 'ready' AND output_version > 1))
          AND updated_at > now() - make_interval(secs => $1)`,
      [window],
    )) as Array<VideoRow & { account_id: string }>;
    // A deleted id can be reused by nobody (ids are random), so no row means deleted for good.
    const candidates = [
      ...deleted.map((d) => ({ accountId: d.account_id, id: d.id, video: undefined })),
      ...changed.map((v) => ({ accountId: v.account_id, id: v.id, video: v })),
    ];
    let removed = 0;
    for (const { accountId, id, video } of candidates) {
      const prefix = objectKeys.video(accountId, id);
      const keys = await this.storage.listKeys(prefix);
      if (!keys.length) continue;
      const stray = strayFolders(prefix, video, foldersOf(prefix, keys));
      for (const folder of stray === 'all' ? [prefix] : stray) removed += await this.storage.deletePrefix(folder);
    }
    if (removed) this.logger.log(`removed ${removed} stray object(s)`);
    return removed;
  }
}
