import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomId } from '../core/random';
import type { ResumeRecord, ResumeStore } from '../upload/ports';

/** `$STREAMFORGE_STATE_DIR/uploads.json`, else `~/.streamforge/uploads.json`. */
export function defaultResumeFile(): string {
  return join(process.env.STREAMFORGE_STATE_DIR ?? join(homedir(), '.streamforge'), 'uploads.json');
}

/**
 * Resume records in one small JSON file, replaced atomically (write a temporary file, then
 * rename) so a crash mid-write leaves the old file, never half a file. Writes in this process are
 * serialised; the file is private to the user (it may hold client secrets).
 */
export class JsonFileResumeStore implements ResumeStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string = defaultResumeFile()) {}

  async get(key: string) {
    return (await this.read())[key];
  }

  set(record: ResumeRecord) {
    return this.update((all) => {
      all[record.key] = record;
    });
  }

  delete(key: string) {
    return this.update((all) => {
      delete all[key];
    });
  }

  prune(now: number) {
    return this.update((all) => {
      for (const [key, record] of Object.entries(all)) if (record.expiresAt <= now) delete all[key];
    });
  }

  private update(change: (all: Record<string, ResumeRecord>) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const all = await this.read();
      const before = JSON.stringify(all);
      change(all);
      const after = JSON.stringify(all, null, 2);
      if (JSON.stringify(JSON.parse(after)) === before) return;
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      const temporary = `${this.path}.${randomId(6)}.tmp`;
      await writeFile(temporary, after, { mode: 0o600 });
      await rename(temporary, this.path);
    });
    this.queue = next.catch(() => {});
    return next;
  }

  private async read(): Promise<Record<string, ResumeRecord>> {
    try {
      const parsed = JSON.parse(await readFile(this.path, 'utf8'));
      return parsed && typeof parsed === 'object' ? parsed : {};
    } catch {
      return {}; // missing or unreadable: nothing to resume
    }
  }
}
