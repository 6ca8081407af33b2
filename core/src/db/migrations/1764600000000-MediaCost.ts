import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each video's transcode was charged, in media seconds, and when: the per-account quota sums
 * the charges of the last 24 hours. Internal; never shown in the API.
 */
export class MediaCost1764600000000 implements MigrationInterface {
  name = 'MediaCost1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE videos ADD COLUMN media_seconds double precision`);
    await q.query(`ALTER TABLE videos ADD COLUMN media_charged_at timestamptz`);
    await q.query(
      `CREATE INDEX videos_media_charge_idx ON videos (account_id, media_charged_at) WHERE media_charged_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS videos_media_charge_idx`);
    await q.query(`ALTER TABLE videos DROP COLUMN media_charged_at`);
    await q.query(`ALTER TABLE videos DROP COLUMN media_seconds`);
  }
}
