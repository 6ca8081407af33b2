import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every worker process keeps its job folders under `<root>/<pid>/`, so leftovers can be traced to a dead owner. */
export const WORK_ROOT = join(tmpdir(), 'streamforge-work');

/** A fresh folder for one job run; the caller removes it when the run ends. */
export async function createJobDir(videoId: string, root = WORK_ROOT): Promise<string> {
  const own = join(root, String(process.pid));
  await mkdir(own, { recursive: true });
  return mkdtemp(join(own, `${videoId}-`));
}

/**
 * A worker killed with SIGKILL cannot clean up; the next worker on the host removes the folders
 * of processes that no longer exist (and never another live worker's).
 */
export async function removeAbandonedDirs(root = WORK_ROOT): Promise<string[]> {
  const entries = await readdir(root).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    await rm(join(root, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
