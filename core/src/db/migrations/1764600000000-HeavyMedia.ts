import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each video's transcode was charged, in media seconds, and when: the per-account quota sums
 * the charges of the last 24 hours (internal; never shown in the API). And an index for the object
 * sweep, which looks up recent `video.deleted` events.
 */
export class HeavyMedia1764600000000 implements MigrationInterface {
  name = 'HeavyMedia1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE videos ADD COLUMN media_seconds double precision`);
    await q.query(`ALTER TABLE videos ADD COLUMN media_charged_at timestamptz`);
    await q.query(
      `CREATE INDEX videos_media_charge_idx ON videos (account_id, media_charged_at) WHERE media_charged_at IS NOT NULL`,
    );
    await q.query(`CREATE INDEX videos_sweep_idx ON videos (updated_at) WHERE status IN ('failed', 'ready')`);
    await q.query(`CREATE INDEX events_deleted_videos_idx ON events (created_at) WHERE type = 'video.deleted'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS events_deleted_videos_idx`);
    await q.query(`DROP INDEX IF EXISTS videos_sweep_idx`);
    await q.query(`DROP INDEX IF EXISTS videos_media_charge_idx`);
    await q.query(`ALTER TABLE videos DROP COLUMN media_charged_at`);
    await q.query(`ALTER TABLE videos DROP COLUMN media_seconds`);
  }
}
