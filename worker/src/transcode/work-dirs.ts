import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every worker process keeps its job folders under `<root>/<pid>/`, so leftovers can be traced to a dead owner. */
export const WORK_ROOT = join(tmpdir(), 'streamforge-work');

/** Inside a job folder: the process group id of the job's ffmpeg while it runs. */
export const PROCESS_GROUP_FILE = 'ffmpeg.pgid';

/** A fresh folder for one job run; the caller removes it when the run ends. */
export async function createJobDir(videoId: string, root = WORK_ROOT): Promise<string> {
  const own = join(root, String(process.pid));
  await mkdir(own, { recursive: true });
  return mkdtemp(join(own, `${videoId}-`));
}

/**
 * A worker killed with SIGKILL cannot clean up; the next worker on the host removes the folders
 * of processes that no longer exist (and never another live worker's). Each job folder names its
 * ffmpeg's process group: a group still running there is an orphan (its guard failed) and is
 * killed first. Only groups that still run ffmpeg are touched, in case the id was reused.
 */
export async function removeAbandonedDirs(root = WORK_ROOT): Promise<string[]> {
  const entries = await readdir(root).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    for (const job of await readdir(join(root, entry)).catch(() => [] as string[])) {
      const pgid = Number(await readFile(join(root, entry, job, PROCESS_GROUP_FILE), 'utf8').catch(() => ''));
      if (Number.isInteger(pgid) && pgid > 1 && (await runsFfmpeg(pgid))) killGroup(pgid);
    }
    await rm(join(root, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}

async function runsFfmpeg(pid: number): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return /(^|\/)ffmpeg\0/.test(cmdline);
}

function killGroup(pgid: number) {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // Gone meanwhile.
  }
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
