/**
 * `npm run bench:api`: requests/s and p50/p99 latency of `GET /v1/videos/{id}` and `POST /v1/uploads`
 * (without and with an Idempotency-Key) at 32 connections with autocannon, for StreamForge and two
 * baselines, each in its own process:
 *
 * - **same-work Nest**: NestJS on Fastify doing one pooled `pg` SELECT by primary key and one Redis
 *   `INCR` per request, no ORM — the I/O an API cannot avoid, so the ratio is what our layers cost;
 * - **hello Nest**: NestJS on Fastify answering a constant, no I/O — the framework's own ceiling.
 *
 * All three servers start once; then, for each endpoint, BENCH_RUNS paired runs alternate
 * StreamForge, same-work, hello, so a load change on the machine hits every server alike. Each run
 * is printed; then the median, min and max of each figure and the median of the per-pair ratios.
 * Each run also reports the CPU time the server's process spent per request, which a busy machine
 * distorts far less than req/s and latency, and the CPU time this machine's Postgres and Redis
 * processes spent per request meanwhile (when they run here): on a small machine the database shares
 * the cores with the api, so its work per request costs the api throughput too.
 *
 * BENCH_DURATION (seconds per run, default 10), BENCH_WARMUP (seconds per server and endpoint before
 * its runs, default 3), BENCH_RUNS (pairs, default 5), BENCH_CONNECTIONS (default 32),
 * BENCH_CPU_PROF (a folder: StreamForge's process writes there a V8 CPU profile per endpoint, taken
 * only during that endpoint's StreamForge runs; `profile-summary.js` sums one up), BENCH_ENDPOINTS
 * (a comma-separated list of `GET`, `POST` and `POST-KEY` — the POST with a new Idempotency-Key each
 * request; default all three).
 *
 * BENCH_COMPARE (the folder of another checkout of this repository, built with `npm run build` and
 * `npx tsc -p bench/api`): its StreamForge runs too, as a fourth server beside ours in every run —
 * after ours in odd runs, before it in even ones — so a change is measured before and after in the
 * same runs, under the same load, neither side always first.
 * BENCH_COMPARE_NODE (a `node` executable): the fourth server runs on that Node.js instead of this
 * one — this checkout's own, unless BENCH_COMPARE names another — so two runtimes are compared in
 * the same runs.
 *
 * BENCH_AGAINST (a URL) with BENCH_KEY (a secret key of that server): instead of starting its own,
 * the bench measures an already running StreamForge — `npm run dev`, say, with its own logging —
 * still alternating with the two baselines. Its CPU per request is read from /proc when
 * BENCH_AGAINST_PID names the process serving the api; profiles are not taken.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon');
import { createBenchVideo, UPLOAD } from './bench-video';
import type { Ready } from './server';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? Math.min(3, DURATION));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const CPU_PROF = process.env.BENCH_CPU_PROF;
const ONLY = process.env.BENCH_ENDPOINTS?.toUpperCase().split(',');
const AGAINST = process.env.BENCH_AGAINST?.replace(/\/+$/, '');
const AGAINST_PID = process.env.BENCH_AGAINST_PID;
const COMPARE_NODE = process.env.BENCH_COMPARE_NODE ? resolve(process.env.BENCH_COMPARE_NODE) : undefined;
const COMPARE = process.env.BENCH_COMPARE
  ? resolve(process.env.BENCH_COMPARE)
  : COMPARE_NODE
    ? resolve(__dirname, '../../..')
    : undefined;

type ServerKind = 'streamforge' | 'compare' | 'same-work' | 'bare';
const LABELS: Record<ServerKind, string> = {
  streamforge: 'StreamForge',
  compare: `StreamForge at ${COMPARE ? revisionOf(COMPARE) : ''}${COMPARE_NODE ? ` on Node ${nodeVersion(COMPARE_NODE)}` : ''}`,
  'same-work': 'same-work Nest (pg SELECT + Redis INCR)',
  bare: 'hello Nest (no I/O)',
};
const ORDER: ServerKind[] = COMPARE
  ? ['streamforge', 'compare', 'same-work', 'bare']
  : ['streamforge', 'same-work', 'bare'];

/**
 * The servers in the order run `i` measures them. With BENCH_COMPARE the two StreamForges take turns
 * going first: in A/A runs (a checkout against itself) the server measured first came out a few per
 * cent behind the one after it (0.97, pairs 0.83 – 1.07), an edge the comparison must not hand to
 * either side.
 */
function orderOfRun(i: number): ServerKind[] {
  if (!COMPARE || i % 2 === 1) return ORDER;
  return ['compare', 'streamforge', ...ORDER.slice(2)];
}

/** The version a `node` executable reports (`bench/support/revision.ts` has the same for bench/transcode). */
function nodeVersion(node: string): string {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
}

/** The commit a checkout is at (short), with `+changes` when its tree differs from it. */
function revisionOf(folder: string): string {
  const git = (...args: string[]) => execFileSync('git', ['-C', folder, ...args], { encoding: 'utf8' }).trim();
  return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? '+changes' : ''}`;
}

interface Figures {
  rps: number;
  /** CPU time (user + system) the server's process spent per answered request. */
  cpuMs: number;
  /** CPU time of this machine's Postgres processes per answered request (NaN: none found here). */
  postgresMs: number;
  /** The same for Redis. */
  redisMs: number;
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

interface Endpoint {
  /** What BENCH_ENDPOINTS names it by. */
  id: 'GET' | 'POST' | 'POST-KEY';
  name: string;
  request: (ready: Ready) => {
    url: string;
    method: 'GET' | 'POST';
    headers: Record<string, string>;
    body?: string;
    /** autocannon puts a new id in place of each `[<id>]` of every request (headers included). */
    idReplacement?: boolean;
  };
}

const auth = (ready: Ready): Record<string, string> => (ready.key ? { authorization: `Bearer ${ready.key}` } : {});
const ENDPOINTS: Endpoint[] = [
  {
    id: 'GET',
    name: 'GET /v1/videos/{id}',
    request: (ready) => ({
      url: `${ready.url}/v1/videos/${ready.videoId ?? 'vid_hello'}`,
      method: 'GET',
      headers: auth(ready),
    }),
  },
  {
    id: 'POST',
    name: 'POST /v1/uploads',
    request: (ready) => ({
      url: `${ready.url}/v1/uploads`,
      method: 'POST',
      headers: { ...auth(ready), 'content-type': 'application/json' },
      body: UPLOAD,
    }),
  },
  {
    // A new key every request, as a client retrying safely sends: the key's record is written in the
    // transaction that creates the upload (the no-key path above is one statement without one).
    id: 'POST-KEY',
    name: 'POST /v1/uploads with Idempotency-Key',
    request: (ready) => ({
      url: `${ready.url}/v1/uploads`,
      method: 'POST',
      headers: { ...auth(ready), 'content-type': 'application/json', 'idempotency-key': 'bench-[<id>]' },
      body: UPLOAD,
      idReplacement: true,
    }),
  },
];

/** A server under test: a child of this process, or (BENCH_AGAINST) one running elsewhere. */
interface Server {
  child: ChildProcess | null;
  ready: Ready;
}

/** The running StreamForge at BENCH_AGAINST: one upload made there gives the video to read. */
async function external(url: string): Promise<Server> {
  const key = process.env.BENCH_KEY;
  if (!key) throw new Error('BENCH_AGAINST needs BENCH_KEY, a secret key of that server');
  const videoId = await createBenchVideo(url, key);
  return {
    child: null,
    ready: {
      url,
      key,
      videoId,
      notes: [
        `the running server at ${url} (BENCH_AGAINST), as it is configured and logs; ` +
          (AGAINST_PID ? `CPU read from /proc/${AGAINST_PID}` : 'CPU per request not measured (no BENCH_AGAINST_PID)'),
      ],
    },
  };
}

async function start(which: ServerKind): Promise<Server> {
  if (which === 'streamforge' && AGAINST) return external(AGAINST);
  // stdout ignored: StreamForge's request logs go to its stdout, which is then /dev/null.
  const script = which === 'compare' ? join(COMPARE!, 'bench/api/dist/server.js') : join(__dirname, 'server.js');
  const child = fork(script, [which === 'compare' ? 'streamforge' : which], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    ...(which === 'compare' && COMPARE_NODE ? { execPath: COMPARE_NODE } : {}),
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m: { ready: Ready }) => resolve(m.ready));
    child.once('exit', (code) => reject(new Error(`${which} server exited with ${code} before it was ready`)));
  });
  return { child, ready };
}

async function stop(child: ChildProcess | null) {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.send('close');
  });
}

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** CPU microseconds (user + system) in a `/proc/<pid>/stat` line. */
function statCpuMicros(stat: string): number {
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / USER_HZ) * 1e6;
}

/** Microseconds of CPU the server has used (user + system); NaN for an external one without a pid. */
async function cpuOf(child: ChildProcess | null): Promise<number> {
  if (!child) {
    if (!AGAINST_PID) return NaN;
    return statCpuMicros(await readFile(`/proc/${AGAINST_PID}/stat`, 'utf8'));
  }
  return new Promise((resolve) => {
    const listener = (m: { cpu?: NodeJS.CpuUsage }) => {
      if (!m.cpu) return;
      child.off('message', listener);
      resolve(m.cpu.user + m.cpu.system);
    };
    child.on('message', listener);
    child.send('cpu');
  });
}

type Service = 'postgres' | 'redis';

/**
 * CPU microseconds used so far by each of this machine's Postgres processes (the postmaster and
 * every backend) and Redis, by pid, from /proc; empty where /proc cannot be read.
 */
async function servicesCpu(): Promise<Map<string, { service: Service; micros: number }>> {
  const found = new Map<string, { service: Service; micros: number }>();
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
  await Promise.all(
    pids.map(async (pid) => {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const service = name === 'postgres' ? 'postgres' : name === 'redis-server' ? 'redis' : null;
      if (!service) return;
      found.set(pid, { service, micros: statCpuMicros(stat) });
    }),
  );
  return found;
}

/**
 * CPU each service used between two readings: processes alive at the second, less what they had at
 * the first (0 for one started since); a backend that exited meanwhile is left out, so a delta can
 * only be low. NaN for a service with no process here (a remote database).
 */
function servicesDelta(
  before: Map<string, { micros: number }>,
  after: Map<string, { service: Service; micros: number }>,
): Record<Service, number> {
  const delta: Record<Service, number> = { postgres: NaN, redis: NaN };
  for (const [pid, { service, micros }] of after) {
    delta[service] = (Number.isNaN(delta[service]) ? 0 : delta[service]) + micros - (before.get(pid)?.micros ?? 0);
  }
  return delta;
}

/** Starts or stops (writing `file`) the V8 profiler in StreamForge's process. */
function profileControl(child: ChildProcess, message: { profile: 'start' } | { profile: 'stop'; file: string }) {
  return new Promise<void>((resolve) => {
    const listener = (m: { profiled?: string }) => {
      if (!m.profiled) return;
      child.off('message', listener);
      resolve();
    };
    child.on('message', listener);
    child.send(message);
  });
}

async function measure(server: Server, opts: ReturnType<Endpoint['request']>, duration: number): Promise<Figures> {
  const before = await cpuOf(server.child);
  const servicesBefore = await servicesCpu();
  const r = (await autocannon({ ...opts, connections: CONNECTIONS, duration, pipelining: 1 })) as AutocannonResult;
  const cpu = (await cpuOf(server.child)) - before;
  const services = servicesDelta(servicesBefore, await servicesCpu());
  const perRequest = (micros: number) => micros / 1000 / Math.max(r.requests.total, 1);
  return {
    rps: r.requests.average,
    cpuMs: perRequest(cpu),
    postgresMs: perRequest(services.postgres),
    redisMs: perRequest(services.redis),
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

const profileFile = (endpoint: Endpoint, run: number) =>
  join(
    resolve(CPU_PROF!),
    `streamforge-${endpoint.name.replace(/[^a-z]+/gi, '-').replace(/^-|-$/g, '')}-run${run}.cpuprofile`,
  );

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** A service's CPU per request; `n/a` where it does not run on this machine. */
const cpuFmt = (ms: number) => (Number.isNaN(ms) ? 'n/a' : fmt(ms, 3));

function row(label: string, f: Figures) {
  return (
    `  ${label.padEnd(44)} ${fmt(f.rps).padStart(8)} req/s  p50 ${fmt(f.p50).padStart(4)} ms  p99 ${fmt(f.p99).padStart(4)} ms` +
    `  CPU ${fmt(f.cpuMs, 3)} ms/req` +
    `  Postgres ${cpuFmt(f.postgresMs)} Redis ${cpuFmt(f.redisMs)} ms/req` +
    `  ${fmt(f.requests).padStart(8)} requests  ${f.non2xx} non-2xx  ${f.errors} errors`
  );
}

async function main() {
  console.log(
    `bench:api — autocannon, ${CONNECTIONS} connections, ${RUNS} paired runs of ${DURATION} s per server and endpoint ` +
      `(after a ${WARMUP} s warm-up each), order ${ORDER.map((k) => LABELS[k]).join(' → ')}` +
      `${COMPARE ? ' (the two StreamForges swapped in even runs)' : ''}; ` +
      `${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; ` +
      `each server in its own process, load generator in this one; load average at start ${load()}`,
  );

  // The server writes each profile itself and cannot report a missing folder back: made here, first.
  if (CPU_PROF) await mkdir(resolve(CPU_PROF), { recursive: true });
  const servers = {} as Record<ServerKind, Server>;
  const failures: string[] = [];
  try {
    for (const kind of ORDER) servers[kind] = await start(kind);
    for (const note of servers.streamforge.ready.notes) console.log(`StreamForge: ${note}`);

    for (const endpoint of ENDPOINTS.filter((e) => !ONLY || ONLY.includes(e.id))) {
      console.log('');
      console.log(`${endpoint.name}`);
      for (const kind of ORDER) await measure(servers[kind], endpoint.request(servers[kind].ready), WARMUP);
      const runs: Record<ServerKind, Figures[]> = { streamforge: [], compare: [], 'same-work': [], bare: [] };
      for (let i = 1; i <= RUNS; i++) {
        const order = orderOfRun(i);
        console.log(` run ${i} (load average ${load()})`);
        for (const kind of order) {
          const profiled = CPU_PROF && kind === 'streamforge' ? servers[kind].child : null;
          if (profiled) await profileControl(profiled, { profile: 'start' });
          const f = await measure(servers[kind], endpoint.request(servers[kind].ready), DURATION);
          if (profiled) await profileControl(profiled, { profile: 'stop', file: profileFile(endpoint, i) });
          runs[kind].push(f);
          console.log(row(LABELS[kind], f));
          if ((kind === 'streamforge' || kind === 'compare') && (f.non2xx || f.errors))
            failures.push(`${LABELS[kind]}, ${endpoint.name} run ${i}: ${f.non2xx} non-2xx, ${f.errors} errors`);
        }
      }
      console.log(` summary over ${RUNS} runs: median (min – max)`);
      for (const kind of ORDER) {
        const of = (pick: (f: Figures) => number) => {
          const xs = runs[kind].map(pick);
          return `${fmt(median(xs))} (${fmt(Math.min(...xs))} – ${fmt(Math.max(...xs))})`;
        };
        console.log(
          `  ${LABELS[kind].padEnd(44)} req/s ${of((f) => f.rps)}  p50 ms ${of((f) => f.p50)}  p99 ms ${of((f) => f.p99)}` +
            `  CPU ms/req ${fmt(median(runs[kind].map((f) => f.cpuMs)), 3)}` +
            `  Postgres ${cpuFmt(median(runs[kind].map((f) => f.postgresMs)))}` +
            ` Redis ${cpuFmt(median(runs[kind].map((f) => f.redisMs)))} ms/req`,
        );
      }
      for (const base of ORDER.filter((kind) => kind !== 'streamforge')) {
        const ratios = runs.streamforge.map((f, i) => f.rps / runs[base][i].rps);
        const p99s = runs.streamforge.map((f, i) => f.p99 / Math.max(runs[base][i].p99, 1));
        console.log(
          `  StreamForge / ${LABELS[base]}: throughput ratio, median of the ${RUNS} pairs ${fmt(median(ratios), 2)} ` +
            `(pairs ${ratios.map((r) => fmt(r, 2)).join(', ')}); p99 ${fmt(median(p99s), 1)}×; ` +
            `CPU per request ${fmt(median(runs.streamforge.map((f, i) => f.cpuMs / runs[base][i].cpuMs)), base === 'compare' ? 2 : 1)}×`,
        );
      }
    }
  } finally {
    for (const kind of ORDER) if (servers[kind]) await stop(servers[kind].child);
  }
  if (CPU_PROF) console.log(`\nStreamForge CPU profiles (one per endpoint and run) written under ${resolve(CPU_PROF)}`);
  if (failures.length) {
    console.log(
      `WARNING: StreamForge answered some requests with errors, so its figures are not clean: ${failures.join('; ')}`,
    );
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
