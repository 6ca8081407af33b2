/**
 * `npm run bench:api`: requests/s and p50/p99 latency of `GET /v1/videos/{id}` and `POST /v1/uploads`
 * at 32 connections with autocannon, for StreamForge and for a bare NestJS-on-Fastify hello-world
 * started in the same run, and the ratio ours/bare. Each server runs alone in its own process.
 *
 * BENCH_DURATION (seconds per measurement, default 10) and BENCH_CONNECTIONS (default 32).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon');
import type { Ready } from './server';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Math.min(3, DURATION);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/** The fields of autocannon's result that the report uses (the package ships no types). */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function start(which: 'bare' | 'streamforge'): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(join(__dirname, 'server.js'), [which], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m: { ready: Ready }) => resolve(m.ready));
    child.once('exit', (code) => reject(new Error(`${which} server exited with ${code} before it was ready`)));
  });
  return { child, ready };
}

async function stop(child: ChildProcess) {
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.send('close');
  });
}

async function measure(opts: {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}): Promise<Figures> {
  const run = (duration: number) =>
    autocannon({ ...opts, connections: CONNECTIONS, duration, pipelining: 1 }) as Promise<AutocannonResult>;
  await run(WARMUP);
  const r = await run(DURATION);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

const UPLOAD = JSON.stringify({ filename: 'bench.mp4', size: 1000, content_type: 'video/mp4' });

async function endpoints(ready: Ready) {
  const auth: Record<string, string> = ready.key ? { authorization: `Bearer ${ready.key}` } : {};
  const get = await measure({
    url: `${ready.url}/v1/videos/${ready.videoId ?? 'vid_hello'}`,
    method: 'GET',
    headers: auth,
  });
  const post = await measure({
    url: `${ready.url}/v1/uploads`,
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: UPLOAD,
  });
  return { get, post };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main() {
  console.log(
    `bench:api — autocannon, ${CONNECTIONS} connections, ${DURATION} s per measurement after a ${WARMUP} s warm-up; ` +
      `${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; ` +
      'each server in its own process, one at a time, load generator in this one',
  );

  const bareServer = await start('bare');
  const bare = await endpoints(bareServer.ready).finally(() => stop(bareServer.child));

  const ours = await start('streamforge');
  for (const note of ours.ready.notes) console.log(`StreamForge: ${note}`);
  const sf = await endpoints(ours.ready).finally(() => stop(ours.child));

  const rows: [string, Figures, Figures][] = [
    ['GET /v1/videos/{id}', sf.get, bare.get],
    ['POST /v1/uploads', sf.post, bare.post],
  ];
  console.log('');
  console.log('endpoint              server       req/s     p50 ms  p99 ms  requests  non-2xx  errors');
  for (const [name, o, b] of rows) {
    for (const [label, f] of [
      ['StreamForge', o],
      ['bare Nest', b],
    ] as const) {
      console.log(
        `${name.padEnd(21)} ${label.padEnd(11)} ${fmt(f.rps).padStart(8)}  ${fmt(f.p50).padStart(6)}  ${fmt(f.p99).padStart(6)}  ` +
          `${fmt(f.requests).padStart(8)}  ${String(f.non2xx).padStart(7)}  ${String(f.errors).padStart(6)}`,
      );
    }
    console.log(
      `${name.padEnd(21)} ratio ours/bare: throughput ${fmt(o.rps / b.rps, 2)}, p50 ${fmt(o.p50 / Math.max(b.p50, 1), 1)}×, p99 ${fmt(o.p99 / Math.max(b.p99, 1), 1)}×`,
    );
  }
  const goal = sf.get.rps / bare.get.rps >= 0.5 && sf.get.p99 <= 25;
  console.log('');
  console.log(
    `goal (GET: ≥ 0.5 of bare throughput and p99 ≤ 25 ms): ${goal ? 'met' : 'NOT met'} ` +
      `(${fmt(sf.get.rps / bare.get.rps, 2)} of bare, p99 ${fmt(sf.get.p99)} ms)`,
  );
  const bad = rows.flatMap(([name, o]) =>
    o.non2xx || o.errors ? [`${name}: ${o.non2xx} non-2xx, ${o.errors} errors`] : [],
  );
  if (bad.length) {
    console.log(
      `WARNING: StreamForge answered some requests with errors, so its figures are not clean: ${bad.join('; ')}`,
    );
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
