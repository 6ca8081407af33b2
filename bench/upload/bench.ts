// bench/upload: the StreamForge Node uploader against @aws-sdk/lib-storage's Upload, same file,
// same embedded S3, same part size and concurrency: `--runs` (at least 5) pairs, each ours then
// lib-storage, every run printed, then median/min/max of each and the median of the per-pair ratios.
// Usage: npm run -s bench:upload -- [--mib 1024] [--concurrency 8] [--runs 5]
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRandomFile } from '../../sdk-js/test/support/files';
import { startSystem } from '../../test/support/system';
import { describe, median } from '../support/stats';

const MiB = 1024 * 1024;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const sizeMiB = arg('mib', 1024);
const concurrency = arg('concurrency', 8);
const runs = Math.max(5, arg('runs', 5));
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
    const pairs: Array<{ ours: Run; theirs: Run; ratio: number }> = [];
    console.log(
      `${sizeMiB} MiB, ${partSize / MiB} MiB parts, concurrency ${concurrency}, ${runs} pairs (streamforge, then ` +
        `lib-storage), embedded store on loopback in this process, ${cpus().length} cores`,
    );
    for (let i = 0; i < runs; i++) {
      const ours: Run = await run('client-streamforge.cjs', [sys.baseUrl, apiKey, path, String(concurrency)]);
      const theirs: Run = await run('client-lib-storage.cjs', [
        sys.s3.endpoint,
        bucket,
        `bench/lib-storage-${i}`,
        path,
        String(concurrency),
        String(partSize),
      ]);
      // Throughput ratio: their time over ours (> 1 means ours is faster).
      pairs.push({ ours, theirs, ratio: theirs.ms / ours.ms });
      console.log(
        `pair ${i + 1}: streamforge ${mbps(ours.ms).toFixed(1)} MB/s (peak RSS ${(ours.maxRssKiB / 1024).toFixed(0)} MB), ` +
          `lib-storage ${mbps(theirs.ms).toFixed(1)} MB/s (peak RSS ${(theirs.maxRssKiB / 1024).toFixed(0)} MB), ` +
          `ratio ${(theirs.ms / ours.ms).toFixed(2)}, load ${loadavg()[0].toFixed(1)}`,
      );
    }
    const ratios = pairs.map((p) => p.ratio);
    console.log(`\nmedian (min–max) of ${runs} runs each:`);
    console.log(
      `  streamforge  MB/s ${describe(
        pairs.map((p) => mbps(p.ours.ms)),
        1,
      )}`,
    );
    console.log(
      `               peak RSS MB ${describe(
        pairs.map((p) => p.ours.maxRssKiB / 1024),
        0,
      )}`,
    );
    console.log(
      `  lib-storage  MB/s ${describe(
        pairs.map((p) => mbps(p.theirs.ms)),
        1,
      )}`,
    );
    console.log(
      `               peak RSS MB ${describe(
        pairs.map((p) => p.theirs.maxRssKiB / 1024),
        0,
      )}`,
    );
    console.log(
      `  ratio streamforge / lib-storage (throughput), median of the pairs ${median(ratios).toFixed(2)}, ` +
        `worst pair ${Math.min(...ratios).toFixed(2)}, best pair ${Math.max(...ratios).toFixed(2)}`,
    );
  } finally {
    await sys.close();
    await rm(work, { recursive: true, force: true });
  }
}

function mbps(ms: number) {
  return (sizeMiB * MiB) / 1e6 / (ms / 1000);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
