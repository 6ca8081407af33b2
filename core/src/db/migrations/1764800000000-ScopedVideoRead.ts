import { MigrationInterface, QueryRunner } from 'typeorm';

import { APP_ROLE } from '../app-role';

/**
 * The hot read (`GET /v1/videos/{id}`) as one prepared statement: `sf_scoped_video` sets the
 * caller's scope transaction-locally, then selects the video as its caller (SECURITY INVOKER), so the
 * row-level-security policy holds exactly as for any other query of the app role. Called as a named
 * prepared statement, Postgres plans neither the call nor the inner query again on a connection,
 * where the earlier form — `SELECT set_config(…); SELECT …` as one simple-protocol message — was
 * parsed and planned twice per request.
 *
 * The statement that calls it is its whole transaction (no explicit `BEGIN`), so the scope ends
 * with the call; inside a caller's transaction it would last until that transaction ends, as any
 * `set_config(…, true)` does.
 */
export class ScopedVideoRead1764800000000 implements MigrationInterface {
  name = 'ScopedVideoRead1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION sf_scoped_video(account_id text, livemode boolean, video_id text)
      RETURNS SETOF public.videos
      LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = pg_catalog, public AS $$
      BEGIN
        PERFORM set_config('sf.account_id', sf_scoped_video.account_id, true),
                set_config('sf.livemode', sf_scoped_video.livemode::text, true);
        RETURN QUERY SELECT v.* FROM public.videos v
          WHERE v.id = sf_scoped_video.video_id
            AND v.account_id = sf_scoped_video.account_id
            AND v.livemode = sf_scoped_video.livemode;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION sf_scoped_video(text, boolean, text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION sf_scoped_video(text, boolean, text) TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS sf_scoped_video(text, boolean, text)`);
  }
}
