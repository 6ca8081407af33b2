import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROCESS_GROUP_FILE, removeAbandonedDirs } from './work-dirs';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sf-workdirs-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The pid of a process that has exited: a dead worker. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

function alive(pid: number): Promise<boolean> {
  return readFile(`/proc/${pid}/stat`, 'utf8').then(
    (stat) => stat.split(') ')[1]?.[0] !== 'Z',
    () => false,
  );
}

describe('removeAbandonedDirs', () => {
  it("kills the ffmpeg recorded in a dead worker's job folder, then removes the folder", async () => {
    // An endless encode in its own process group, as the worker starts ffmpeg.
    const ffmpeg = spawn(
      'ffmpeg',
      ['-nostdin', '-v', 'error', '-re', '-f', 'lavfi', '-i', 'nullsrc', '-f', 'null', '-'],
      {
        detached: true,
        stdio: 'ignore',
      },
    );
    const exited = new Promise((resolve) => ffmpeg.once('exit', resolve));
    const dead = await deadPid();
    const jobDir = join(root, String(dead), 'vid_1-abc');
    await mkdir(jobDir, { recursive: true });
    await writeFile(join(jobDir, PROCESS_GROUP_FILE), String(ffmpeg.pid));
    expect(await alive(ffmpeg.pid!)).toBe(true);

    expect(await removeAbandonedDirs(root)).toEqual([String(dead)]);
    await exited;
    expect(ffmpeg.signalCode).toBe('SIGKILL');
  });

  it('leaves a recorded group alone when it no longer runs ffmpeg (the id was reused)', async () => {
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
    try {
      const dead = await deadPid();
      const jobDir = join(root, String(dead), 'vid_2-abc');
      await mkdir(jobDir, { recursive: true });
      await writeFile(join(jobDir, PROCESS_GROUP_FILE), String(other.pid));
      expect(await removeAbandonedDirs(root)).toEqual([String(dead)]);
      expect(await alive(other.pid!)).toBe(true);
    } finally {
      other.kill('SIGKILL');
    }
  });
});
