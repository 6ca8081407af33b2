import { MigrationInterface, QueryRunner } from 'typeorm';

/** Progressive publishing (`playable`) and per-run output fencing (`output_version`). */
export class Transcoding1764200000000 implements MigrationInterface {
  name = 'Transcoding1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE videos ADD COLUMN output_version integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE videos ADD COLUMN playable boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE videos DROP COLUMN playable`);
    await q.query(`ALTER TABLE videos DROP COLUMN output_version`);
  }
}
