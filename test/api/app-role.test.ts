/**
 * Migrations refuse a pre-existing app role with attributes that would bypass row-level security.
 * Roles are cluster-wide, so this runs a throwaway Postgres cluster of its own (initdb, no download)
 * rather than touching the role every other test shares.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '@streamforge/core';
import { Client } from 'pg';
import { freePort } from '../support/net';

const bindir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
const root = process.getuid?.() === 0;
/** Postgres refuses to run as root: hand the cluster to the postgres user when we are root. */
const asPostgres = (cmd: string, args: string[]): [string, string[]] =>
  root ? ['runuser', ['-u', 'postgres', '--', join(bindir, cmd), ...args]] : [join(bindir, cmd), args];

let dir: string;
let server: ChildProcess;
let port: number;
const url = (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;

async function admin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url('postgres') });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sf-pg-'));
  if (root) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), 0);
  execFileSync(...asPostgres('initdb', ['-D', dir, '-A', 'trust', '-U', 'postgres', '--no-sync']), { stdio: 'ignore' });
  port = await freePort();
  server = spawn(
    ...asPostgres('postgres', [
      '-D',
      dir,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
    ]),
    { stdio: 'ignore' },
  );
  for (;;) {
    try {
      await admin((c) => c.query('SELECT 1'));
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}, 120_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    // Immediate shutdown, sent to the postmaster itself (runuser does not pass signals on).
    const postmaster = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGQUIT');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it.each([
  ['SUPERUSER', /streamforge_app is SUPERUSER/],
  ['BYPASSRLS', /streamforge_app has BYPASSRLS/],
  ['CREATEROLE', /streamforge_app has CREATEROLE/],
])('refuses to migrate when the role already exists with %s, naming it', async (attribute, message) => {
  const db = `sf_${attribute.toLowerCase()}`;
  await admin(async (c) => {
    await c.query(`CREATE ROLE streamforge_app LOGIN ${attribute}`);
    await c.query(`CREATE DATABASE ${db}`);
  });
  try {
    await expect(migrate(url(db))).rejects.toThrow(message);
    // Nothing was changed before refusing.
    const tables = await admin(async () => {
      const c = new Client({ connectionString: url(db) });
      await c.connect();
      try {
        return (await c.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n;
      } finally {
        await c.end();
      }
    });
    expect(tables).toBe(0);
  } finally {
    await admin((c) => c.query('DROP ROLE streamforge_app'));
  }
});

it('refuses a role that became unsafe after an earlier, clean migration', async () => {
  await admin((c) => c.query('CREATE DATABASE sf_later'));
  await expect(migrate(url('sf_later'))).resolves.toContain('AppLogin1764700000000');
  await admin((c) => c.query('ALTER ROLE streamforge_app BYPASSRLS'));
  await expect(migrate(url('sf_later'))).rejects.toThrow(/BYPASSRLS/);
  await admin((c) => c.query('ALTER ROLE streamforge_app NOBYPASSRLS'));
  await expect(migrate(url('sf_later'))).resolves.toEqual([]);
});

it('refuses a role that can SET ROLE to one that bypasses row-level security', async () => {
  await admin(async (c) => {
    await c.query('CREATE ROLE sf_bypass NOLOGIN BYPASSRLS');
    await c.query('GRANT sf_bypass TO streamforge_app');
  });
  await expect(migrate(url('sf_later'))).rejects.toThrow(/member of sf_bypass/);
  await admin((c) => c.query('REVOKE sf_bypass FROM streamforge_app'));
  await expect(migrate(url('sf_later'))).resolves.toEqual([]);
});
