import { MigrationInterface, QueryRunner } from 'typeorm';

// created_at keeps milliseconds only, so a JS Date used as a list cursor compares exactly.
export class Init1764000000000 implements MigrationInterface {
  name = 'Init1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE accounts (
        id text PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE api_keys (
        id text PRIMARY KEY,
        account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        livemode boolean NOT NULL,
        secret_hash text NOT NULL UNIQUE,
        display_prefix text NOT NULL,
        name text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_keys_account_idx ON api_keys (account_id)`);
    await q.query(`
      CREATE TABLE videos (
        id text PRIMARY KEY,
        account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        livemode boolean NOT NULL,
        title text,
        metadata jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('pending_upload', 'processing', 'ready', 'failed')),
        source_key text NOT NULL,
        output_prefix text,
        manifest_key text,
        duration double precision,
        width integer,
        height integer,
        renditions jsonb NOT NULL DEFAULT '[]',
        upload_session_id text,
        processing_attempts integer NOT NULL DEFAULT 0,
        progress jsonb,
        error_code text,
        error_message text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX videos_list_idx ON videos (account_id, livemode, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX videos_processing_idx ON videos (updated_at) WHERE status = 'processing'`);
    await q.query(`
      CREATE TABLE upload_sessions (
        id text PRIMARY KEY,
        account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        livemode boolean NOT NULL,
        video_id text NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('open', 'completed', 'aborted', 'expired')),
        filename text NOT NULL,
        content_type text NOT NULL,
        object_key text NOT NULL,
        s3_upload_id text,
        size bigint NOT NULL CHECK (size > 0),
        part_size bigint,
        part_count integer NOT NULL CHECK (part_count BETWEEN 1 AND 10000),
        parts jsonb NOT NULL DEFAULT '{}',
        client_secret_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX upload_sessions_list_idx ON upload_sessions (account_id, livemode, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX upload_sessions_expiry_idx ON upload_sessions (expires_at) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE events (
        id text PRIMARY KEY,
        account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        livemode boolean NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX events_list_idx ON events (account_id, livemode, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['events', 'upload_sessions', 'videos', 'api_keys', 'accounts']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
