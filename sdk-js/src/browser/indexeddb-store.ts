import { openDB, type IDBPDatabase } from 'idb';
import type { ResumeRecord, ResumeStore } from '../upload/ports';

const DB_NAME = 'streamforge-uploads';
const STORE = 'sessions';

/** Resume records in IndexedDB: it survives reloads, and unlike localStorage it is not synchronous. */
export class IndexedDbResumeStore implements ResumeStore {
  private db: Promise<IDBPDatabase> | null = null;

  private open() {
    this.db ??= openDB(DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore(STORE, { keyPath: 'key' });
      },
    });
    return this.db;
  }

  async get(key: string) {
    return (await (await this.open()).get(STORE, key)) as ResumeRecord | undefined;
  }

  async set(record: ResumeRecord) {
    await (await this.open()).put(STORE, record);
  }

  async delete(key: string) {
    await (await this.open()).delete(STORE, key);
  }

  async prune(now: number) {
    const db = await this.open();
    const all = (await db.getAll(STORE)) as ResumeRecord[];
    await Promise.all(all.filter((r) => r.expiresAt <= now).map((r) => db.delete(STORE, r.key)));
  }
}
