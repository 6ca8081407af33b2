// bench/upload: the StreamForge Node uploader against @aws-sdk/lib-storage's Upload, same file,
// same embedded S3, same part size and concurrency, alternating runs. Usage:
//   npm run -s bench:upload -- [--mib 1024] [--concurrency 8] [--runs 2]
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRandomFile } from '../../sdk-js/test/support/files';
import { startSystem } from '../../test/support/system';

const MiB = 1024 * 1024;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const sizeMiB = arg('mib', 1024);
const concurrency = arg('concurrency', 8);
const runs = arg('runs', 2);
const partSize = 8 * MiB;

// Async on purpose: the api and the store run in this process and must keep serving.
const run = async (script: string, args: string[]) =>
  JSON.parse(
    (await promisify(execFile)(process.execPath, [join(__dirname, '..', script), ...args], { maxBuffer: 1 << 20 }))
      .stdout,
  );

interface Run {
  ms: number;
  maxRssKiB: number;
}

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'sf-bench-'));
  const sys = await startSystem({
    env: { UPLOAD_MULTIPART_THRESHOLD: String(16 * MiB), UPLOAD_PART_SIZE: String(partSize) },
  });
  try {
    const path = join(work, 'bench.bin');
    await writeRandomFile(path, sizeMiB * MiB, 1);
    const apiKey = await sys.createKey('bench');
    const bucket = sys.config.s3.bucket;
    const results: Record<'streamforge' | 'lib-storage', Run[]> = { streamforge: [], 'lib-storage': [] };
    for (let i = 0; i < runs; i++) {
      const ours = await run('client-streamforge.cjs', [sys.baseUrl, apiKey, path, String(concurrency)]);
      results.streamforge.push(ours);
      const theirs = await run('client-lib-storage.cjs', [
        sys.s3.endpoint,
        bucket,
        `bench/lib-storage-${i}`,
        path,
        String(concurrency),
        String(partSize),
      ]);
      results['lib-storage'].push(theirs);
      console.log(`run ${i + 1}: streamforge ${mbps(ours.ms)} MB/s, lib-storage ${mbps(theirs.ms)} MB/s`);
    }
    // The median run: the store (s3rver, in the same process as the api) is the ceiling and noisy.
    const best = (rs: Run[]) => [...rs].sort((a, b) => a.ms - b.ms)[Math.floor((rs.length - 1) / 2)];
    const peak = (rs: Run[]) => Math.max(...rs.map((r) => r.maxRssKiB)) / 1024;
    const ours = best(results.streamforge);
    const theirs = best(results['lib-storage']);
    console.log(
      `\n${sizeMiB} MiB, ${partSize / MiB} MiB parts, concurrency ${concurrency}, median of ${runs} alternating runs, embedded s3rver on loopback`,
    );
    console.log(
      `  streamforge  ${mbps(ours.ms).padStart(7)} MB/s   peak RSS ${peak(results.streamforge).toFixed(0)} MB`,
    );
    console.log(
      `  lib-storage  ${mbps(theirs.ms).padStart(7)} MB/s   peak RSS ${peak(results['lib-storage']).toFixed(0)} MB`,
    );
    console.log(`  ratio (streamforge / lib-storage): ${(theirs.ms / ours.ms).toFixed(2)}`);
  } finally {
    await sys.close();
    await rm(work, { recursive: true, force: true });
  }
}

function mbps(ms: number) {
  return ((sizeMiB * MiB) / 1e6 / (ms / 1000)).toFixed(1);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
