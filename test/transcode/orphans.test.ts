import { readdir, readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateClip } from '../support/clips';
import { client, waitFor } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';
import { startWorkerProcess, transcoding, uploadAndComplete, waitForVideo, type WorkerProcess } from './system-helpers';

let sys: TestSystem;
let api: ReturnType<typeof client>;
let work: string;
let doomed: WorkerProcess | undefined;

beforeAll(async () => {
  sys = await startSystem();
  api = client(sys.baseUrl, await sys.createKey('orphans'));
  work = await mkdtemp(join(tmpdir(), 'sf-orphans-'));
});
afterAll(async () => {
  if (doomed && doomed.child.exitCode === null && doomed.child.signalCode === null) doomed.child.kill('SIGKILL');
  await sys?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

interface Proc {
  pid: number;
  name: string;
  ppid: number;
  pgid: number;
  zombie: boolean;
}

async function processes(): Promise<Proc[]> {
  const found: Proc[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const match = /^(\d+) \((.*)\) (\S) (\d+) (\d+)/.exec(stat);
    if (match) {
      found.push({
        pid: Number(match[1]),
        name: match[2],
        zombie: match[3] === 'Z',
        ppid: Number(match[4]),
        pgid: Number(match[5]),
      });
    }
  }
  return found;
}

/** Live (not zombie) processes in any of `groups`. */
async function aliveIn(groups: Set<number>): Promise<Proc[]> {
  return (await processes()).filter((p) => groups.has(p.pgid) && !p.zombie);
}

describe('ffmpeg never outlives its worker', () => {
  it('SIGKILL the worker mid-encode, restart nothing: its ffmpeg stops on its own', async () => {
    const clip = join(work, 'clip.mp4');
    await generateClip(clip, { seconds: 60, width: 640, height: 360, audio: false });
    // A slow preset keeps ffmpeg encoding long after the worker is killed.
    doomed = await startWorkerProcess(sys.config, { TRANSCODE_PRESET: 'veryslow', WORKER_CONCURRENCY: '1' });
    const id = await uploadAndComplete(api, clip);
    await waitForVideo(api, id, transcoding);

    const workerPid = doomed.child.pid!;
    const ffmpegs = await waitFor(
      async () => (await processes()).filter((p) => p.ppid === workerPid && p.name === 'ffmpeg'),
      (found) => found.length > 0,
    );
    // ffmpeg runs in a process group of its own, which a signal to the worker does not reach.
    const groups = new Set(ffmpegs.map((p) => p.pgid));
    expect(groups.has(workerPid)).toBe(false);

    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const left = await waitFor(
      () => aliveIn(groups),
      (alive) => alive.length === 0,
      20_000,
    );
    expect(left).toEqual([]);
    // Still processing: nobody has taken the job over, so the stop came from the dead worker's guard.
    expect((await api('GET', `/v1/videos/${id}`)).body.status).toBe('processing');
  });
});
