import type { DataSource } from 'typeorm';

/**
 * Every connection of the api's pool at once (each held while it is asked, so none is asked twice):
 * none carries a caller's scope, and none sees a video. What a scoped statement that ended its scope
 * with itself leaves behind.
 */
export async function expectPoolUnscoped(db: DataSource): Promise<void> {
  const size = (db.options.extra as { max: number }).max;
  const runners = Array.from({ length: size }, () => db.createQueryRunner());
  try {
    await Promise.all(runners.map((runner) => runner.connect()));
    for (const runner of runners) {
      const [{ account }] = await runner.query(`SELECT current_setting('sf.account_id', true) AS account`);
      expect(account || null).toBeNull();
      expect(await runner.query('SELECT id FROM videos')).toEqual([]);
    }
  } finally {
    await Promise.all(runners.map((runner) => runner.release()));
  }
}
