import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startSystem, type TestSystem } from '../../test/support/system';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy';
import { writeRandomFile } from './support/files';
import { seededRandom } from './support/seeded-random';
import { storedSourceSha256 } from './support/stored-object';

const MiB = 1024 * 1024;
const PART = 5 * MiB;
const CONCURRENCY = 4;
// The issue's ~200 MB (40 parts): about 4 s per seed here. SF_KILL_TEST_MIB changes it.
const FILE_MIB = Number(process.env.SF_KILL_TEST_MIB ?? 200);
const CHILD = join(__dirname, 'support/upload-child.cjs');

let sys: TestSystem;
let work: string;
let key: string;
let storageProxy: FaultProxy;
let apiProxy: FaultProxy;
/** What the proxies do to the current child; set per run. */
let onStorageBytes: (total: number) => void = () => {};
let onCompleteAnswered: () => Promise<void> = async () => {};

beforeAll(async () => {
  if (!existsSync(join(__dirname, '../dist/node/index.js')))
    throw new Error('Build the SDK first: npm run -s sdk:build');
  work = await mkdtemp(join(tmpdir(), 'sf-sdk-kill-'));
  storageProxy = await startFaultProxy({ onPutBytes: (total) => onStorageBytes(total) });
  sys = await startSystem({
    env: {
      UPLOAD_MULTIPART_THRESHOLD: String(PART),
      UPLOAD_PART_SIZE: String(PART),
      S3_PUBLIC_ENDPOINT: storageProxy.url,
    },
  });
  storageProxy.setTarget(sys.s3.endpoint);
  apiProxy = await startFaultProxy({
    target: sys.baseUrl,
    // The API has completed the upload and answered; the client dies before it hears.
    beforeRelay: (request, status) =>
      request.method === 'POST' && request.url!.endsWith('/complete') && status === 202
        ? onCompleteAnswered()
        : undefined,
  });
  key = await sys.createKey('crashy');
});

afterAll(async () => {
  await apiProxy?.close();
  await storageProxy?.close();
  await sys?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

interface RunOutcome {
  killed: boolean;
  uploadId: string | null;
  done: { uploadId: string; videoId: string } | null;
}

/** Runs one uploader process; `killAt` decides when (if ever) it is SIGKILLed. */
function runChild(
  path: string,
  stateDir: string,
  killAt: { bytes?: number; duringComplete?: boolean },
): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [CHILD, apiProxy.url, key, path, String(CONCURRENCY)], {
      env: { ...process.env, STREAMFORGE_STATE_DIR: stateDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let killed = false;
    let done: RunOutcome['done'] = null;
    let uploadId: string | null = null;
    let stderr = '';
    const kill = () => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    const startBytes = storageProxy.totalPutBytes();
    onStorageBytes = (total) => killAt.bytes !== undefined && total - startBytes >= killAt.bytes && kill();
    onCompleteAnswered = async () => {
      if (!killAt.duringComplete) return;
      kill();
      await new Promise((r) => child.once('exit', r));
    };
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line);
      if (message.done) done = message;
      if (message.uploadId) uploadId = message.uploadId;
    });
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    // 'close', not 'exit': the last line (the result) may still be in the pipe when the process has exited.
    child.on('close', (code) => {
      onStorageBytes = () => {};
      if (!killed && code !== 0) reject(new Error(`uploader exited ${code}: ${stderr}`));
      else resolve({ killed, done, uploadId });
    });
  });
}

async function uploadParts(uploadId: string): Promise<Array<{ part_number: number }>> {
  const response = await fetch(`${sys.baseUrl}/v1/uploads/${uploadId}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return (await response.json()).parts;
}

/**
 * The parts the API holds once it has finished the requests the killed child left behind: a
 * `POST /parts` sent just before SIGKILL is still being committed when the child is already gone.
 */
async function settledParts(uploadId: string): Promise<Array<{ part_number: number }>> {
  let last = JSON.stringify(await uploadParts(uploadId));
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const parts = await uploadParts(uploadId);
    if (JSON.stringify(parts) === last) return parts;
    last = JSON.stringify(parts);
  }
}

test.each([101, 202, 303])(
  'an upload SIGKILLed at random points (seed %i) resumes, re-sending at most the parts in flight',
  async (seed) => {
    const random = seededRandom(seed);
    const size = FILE_MIB * MiB + Math.floor(random() * PART);
    const path = join(work, `movie-${seed}.bin`);
    const sha = await writeRandomFile(path, size, seed);
    const stateDir = join(work, `state-${seed}`);
    const before = storageProxy.totalPutBytes();

    // Two kills at random byte counts within the file, then one after the API completed the upload.
    const plan = [
      { bytes: Math.floor(random() * size * 0.45) },
      { bytes: Math.floor(random() * size * 0.45) },
      { duringComplete: true },
    ];
    let crashes = 0;
    let outcome: RunOutcome | null = null;
    for (const killAt of [...plan, {}]) {
      const sentBefore = new Map(storageProxy.bytesByPart);
      outcome = await runChild(path, stateDir, killAt);
      if (outcome.done) break;
      crashes += 1;
      // What this crash cost: bytes that reached storage for parts the API has no record of.
      const recorded = new Set((await settledParts(outcome.uploadId!)).map((p) => p.part_number));
      let lost = 0;
      for (const [part, bytes] of storageProxy.bytesByPart)
        if (!recorded.has(part)) lost += bytes - (sentBefore.get(part) ?? 0);
      expect(lost).toBeLessThanOrEqual(CONCURRENCY * PART);
    }
    expect(outcome?.done).not.toBeNull();
    expect(crashes).toBe(3);

    const sent = storageProxy.totalPutBytes() - before;
    expect(sent - size).toBeLessThanOrEqual(crashes * CONCURRENCY * PART);
    expect(await storedSourceSha256(sys, outcome!.done!.videoId)).toBe(sha);
  },
  // Three crashes and resumes of a ~200 MB upload: minutes on a busy 2-core machine.
  600_000,
);
