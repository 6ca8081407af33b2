import { Account, ApiKey, generateApiKey, newId } from '@streamforge/core';
import type { EntityManager } from 'typeorm';

/** Creates a key and returns its secret, which is never stored and cannot be shown again. */
export async function issueApiKey(
  manager: EntityManager,
  opts: { accountId: string; livemode: boolean; name?: string },
): Promise<{ key: ApiKey; secret: string }> {
  const { secret, hash, displayPrefix } = generateApiKey(opts.livemode);
  const key = await manager.save(
    manager.create(ApiKey, {
      id: newId('key'),
      accountId: opts.accountId,
      livemode: opts.livemode,
      secretHash: hash,
      displayPrefix,
      name: opts.name ?? null,
      revokedAt: null,
    }),
  );
  return { key, secret };
}

export async function findOrCreateAccount(manager: EntityManager, name: string): Promise<Account> {
  const existing = await manager.findOneBy(Account, { name });
  if (existing) return existing;
  return manager.save(manager.create(Account, { id: newId('acct'), name }));
}
