import { setFlagsFromString } from 'node:v8';
import { ConfigError } from '../config';

/**
 * Since V8 13.6 (Node 24), short-lived Buffers no longer trigger a cheap scavenge before the
 * external-memory soft limit starts a full mark-compact, so a process that streams media through
 * Buffers collects its whole heap over and over (nodejs/node#61967, #63863; V8 has since made the
 * accounting below its default, in no Node release yet). In `bench/transcode` on Node 26.12 (one
 * job's api, worker and embedded store in one process) this took the job's process from about a
 * hundred mark-compacts to two, and its CPU back to Node 20's (README, Benchmarks).
 *
 * The flag exists from V8 13.6 on; on older runtimes (Node 20, 22) it is unknown and nothing is
 * set. `BUFFER_GC=default` keeps V8's own heuristics.
 */
export const BUFFER_GC_FLAG = '--external-memory-accounted-in-global-limit';

/** Whether this runtime gets the flag: Node 24 or later, unless `BUFFER_GC=default`. */
export function wantsBufferGcFlag(nodeVersion: string, env: NodeJS.ProcessEnv): boolean {
  const setting = env.BUFFER_GC ?? 'global-limit';
  if (setting !== 'global-limit' && setting !== 'default') {
    throw new ConfigError([`BUFFER_GC: must be "global-limit" or "default", not ${JSON.stringify(setting)}`]);
  }
  return setting === 'global-limit' && Number(nodeVersion.split('.')[0]) >= 24;
}

/**
 * For a process that carries media bytes (the worker, the embedded store): call first thing.
 * Returns whether the flag was set.
 */
export function tuneBufferGc(env: NodeJS.ProcessEnv = process.env, nodeVersion = process.versions.node): boolean {
  if (!wantsBufferGcFlag(nodeVersion, env)) return false;
  setFlagsFromString(BUFFER_GC_FLAG);
  return true;
}
