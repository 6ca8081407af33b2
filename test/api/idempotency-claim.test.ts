/**
 * `sf_idempotency_claim` — an Idempotency-Key's lock and its record's lookup in one statement —
 * excludes a second request with the same key while the first is open, reads the record only once
 * the lock is held (so the first request's committed record is what the next one sees), takes the
 * very lock the api took before it existed, and reads under row-level security as its caller.
 */
import { RequestScope } from '../../api/src/common/request-scope';
import { startSystem, type TestSystem } from '../support/system';

let sys: TestSystem;
let acme: { accountId: string; livemode: boolean };
let globex: { accountId: string; livemode: boolean };

beforeAll(async () => {
  sys = await startSystem();
  await sys.createKey('acme');
  await sys.createKey('globex');
  const accounts = await sys.asOwner((db) => db.query(`SELECT id, name FROM accounts`));
  const id = (name: string) => accounts.find((a: { name: string }) => a.name === name).id;
  acme = { accountId: id('acme'), livemode: false };
  globex = { accountId: id('globex'), livemode: false };
});
afterAll(() => sys?.close());

const scope = () => sys.api!.get(RequestScope);

interface Claim {
  locked: boolean;
  request_hash: string | null;
  response_status: number | null;
  response_body: unknown;
  created_at: Date | null;
}

/**
 * The claim inside the caller's scoped transaction, as a parameterised call (the api sends the same
 * call with literals in the transaction's first message: `test/api/uploads.test.ts`).
 */
async function claim(key: string, owner = acme): Promise<Claim> {
  const rows = await scope().manager.query('SELECT * FROM sf_idempotency_claim($1, $2, $3)', [
    owner.accountId,
    owner.livemode,
    key,
  ]);
  expect(rows).toHaveLength(1);
  return rows[0];
}
const claimAlone = (key: string, owner = acme) => scope().run(owner, () => claim(key, owner));

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('sf_idempotency_claim', () => {
  it('refuses the key while a request holding it is open, then shows that request’s committed record', async () => {
    const held = deferred();
    const finish = deferred();
    const first = scope().run(acme, async () => {
      expect(await claim('held-key')).toEqual({
        locked: true,
        request_hash: null,
        response_status: null,
        response_body: null,
        created_at: null,
      });
      await scope().manager.query(
        `INSERT INTO idempotency_keys (account_id, livemode, key, request_hash, response_status, response_body)
         VALUES ($1, $2, 'held-key', 'hash-1', 201, '{"id": "upl_1"}')`,
        [acme.accountId, acme.livemode],
      );
      held.resolve();
      await finish.promise;
    });
    await held.promise;
    // A second request (its own transaction, another pooled connection) while the first is open.
    expect((await claimAlone('held-key')).locked).toBe(false);
    finish.resolve();
    await first;
    expect(await claimAlone('held-key')).toMatchObject({
      locked: true,
      request_hash: 'hash-1',
      response_status: 201,
      response_body: { id: 'upl_1' },
    });
  });

  it('takes the lock the api took before it existed (idem:<account>:<livemode>:<key>), so both versions exclude each other', async () => {
    await sys.asOwner((db) =>
      db.transaction(async (m) => {
        const [{ locked }] = await m.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`, [
          `idem:${acme.accountId}:${acme.livemode}:old-instance-key`,
        ]);
        expect(locked).toBe(true);
        expect((await claimAlone('old-instance-key')).locked).toBe(false);
      }),
    );
    expect((await claimAlone('old-instance-key')).locked).toBe(true);
  });

  it('reads as its caller: another account’s record of the same key is not seen', async () => {
    await sys.asOwner((db) =>
      db.query(
        `INSERT INTO idempotency_keys (account_id, livemode, key, request_hash, response_status, response_body)
         VALUES ($1, $2, 'shared-key', 'globex-hash', 201, '{}')`,
        [globex.accountId, globex.livemode],
      ),
    );
    expect(await claimAlone('shared-key')).toMatchObject({ locked: true, request_hash: null });
    expect(await claimAlone('shared-key', globex)).toMatchObject({ locked: true, request_hash: 'globex-hash' });
  });

  it('is VOLATILE (a snapshot per statement), runs as its caller, and only the app role may call it', async () => {
    const [fn] = await sys.asOwner((db) =>
      db.query(
        `SELECT provolatile, prosecdef, proconfig, has_function_privilege('public', p.oid, 'EXECUTE') AS public_execute,
                has_function_privilege('streamforge_app', p.oid, 'EXECUTE') AS app_execute
         FROM pg_proc p WHERE proname = 'sf_idempotency_claim'`,
      ),
    );
    expect(fn).toEqual({
      provolatile: 'v',
      prosecdef: false,
      proconfig: ['search_path=pg_catalog, public'],
      public_execute: false,
      app_execute: true,
    });
  });
});
