import { MigrationInterface, QueryRunner } from 'typeorm';

import { APP_ROLE } from '../app-role';

/**
 * `POST /v1/uploads` as one statement: `sf_scoped_create_upload` sets the caller's scope
 * transaction-locally, as `sf_scoped_video` does, then inserts the video, its upload session and its
 * `video.created` event as its caller (SECURITY INVOKER), so each row passes the row-level-security
 * policy's check exactly as an INSERT of the app role would. Called without an explicit `BEGIN`, the
 * statement is its own transaction: the three rows commit together in one round trip instead of
 * three (start with scope, insert, `COMMIT`).
 *
 * Each row comes as JSON keyed by column name and is read with `jsonb_populate_record`, which sets
 * every column of the table: a key left out is NULL, not the column's default. The api therefore
 * gives every column (`entityRow` refuses an entity with one unset, and a test holds the entities'
 * columns equal to these tables').
 */
export class ScopedUploadCreate1764900000000 implements MigrationInterface {
  name = 'ScopedUploadCreate1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION sf_scoped_create_upload(account_id text, livemode boolean, video jsonb, upload jsonb, event jsonb)
      RETURNS void
      LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = pg_catalog, public AS $$
      BEGIN
        PERFORM set_config('sf.account_id', sf_scoped_create_upload.account_id, true),
                set_config('sf.livemode', sf_scoped_create_upload.livemode::text, true);
        INSERT INTO public.videos
          SELECT * FROM jsonb_populate_record(NULL::public.videos, sf_scoped_create_upload.video);
        INSERT INTO public.upload_sessions
          SELECT * FROM jsonb_populate_record(NULL::public.upload_sessions, sf_scoped_create_upload.upload);
        INSERT INTO public.events
          SELECT * FROM jsonb_populate_record(NULL::public.events, sf_scoped_create_upload.event);
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION sf_scoped_create_upload(text, boolean, jsonb, jsonb, jsonb) FROM PUBLIC`);
    await q.query(
      `GRANT EXECUTE ON FUNCTION sf_scoped_create_upload(text, boolean, jsonb, jsonb, jsonb) TO ${APP_ROLE}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS sf_scoped_create_upload(text, boolean, jsonb, jsonb, jsonb)`);
  }
}
