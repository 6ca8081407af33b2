import { setFlagsFromString } from 'node:v8';
import type { AppConfig } from '../config';

/**
 * Since V8 13.6 (Node 24), short-lived Buffers no longer trigger a cheap scavenge before the
 * external-memory soft limit starts a full mark-compact, so a process that streams media through
 * Buffers collects its whole heap over and over (nodejs/node#61967, #63863; V8 has since made the
 * accounting below its default, in no Node release yet). In `bench/transcode` on Node 26.12 (one
 * job's api, worker and embedded store in one process) this took the job's process from about a
 * hundred mark-compacts to two, and its CPU back to Node 20's (README, Benchmarks).
 *
 * The flag exists from V8 13.6 on; on older runtimes (Node 20, 22) it is unknown and nothing is
 * set. `BUFFER_GC=default` (validated with the rest of the configuration) keeps V8's own heuristics.
 */
export const BUFFER_GC_FLAG = '--external-memory-accounted-in-global-limit';

/** Whether this runtime gets the flag: Node 24 or later, unless the setting is `default`. */
export function wantsBufferGcFlag(setting: AppConfig['bufferGc'], nodeVersion: string): boolean {
  return setting === 'global-limit' && Number(nodeVersion.split('.')[0]) >= 24;
}

/**
 * For a process that carries media bytes (the worker, `npm run dev`'s embedded store): call once
 * its configuration is loaded, before media flows. V8 reads the flag when it next sizes its limits,
 * so setting it at run time takes effect (measured: the same GC counts as on the command line).
 * Returns whether the flag was set.
 */
export function tuneBufferGc(setting: AppConfig['bufferGc'], nodeVersion = process.versions.node): boolean {
  if (!wantsBufferGcFlag(setting, nodeVersion)) return false;
  setFlagsFromString(BUFFER_GC_FLAG);
  return true;
}
