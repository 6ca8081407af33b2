import { execFileSync } from 'node:child_process';

/**
 * The commit a checkout is at (short), with `+changes` when its tracked files differ from it: how
 * a benchmark names the code it measured. (`bench/api/run.ts` keeps its own copies of both: its
 * tsconfig compiles only its own folder.)
 */
export function revisionOf(folder: string): string {
  const git = (...args: string[]) => execFileSync('git', ['-C', folder, ...args], { encoding: 'utf8' }).trim();
  return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? '+changes' : ''}`;
}

/** The version a `node` executable reports: how a benchmark names the runtime it measured. */
export function nodeVersionOf(node: string): string {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
}
