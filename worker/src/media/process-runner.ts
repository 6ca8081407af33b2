import { type ChildProcess, spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called for each complete stdout line; when set, stdout is streamed and not buffered. */
  onStdoutLine?: (line: string) => void;
  /** How much of the end of stderr to keep for diagnostics (default 8 KiB). */
  maxStderrBytes?: number;
  /** Buffered stdout beyond this fails the run, so a hostile file cannot exhaust memory (default 16 MiB). */
  maxStdoutBytes?: number;
  /** Called with the child's process group id once it runs (the worker records it to sweep orphans). */
  onSpawn?: (pgid: number) => void;
  /** Variables set for the child on top of this process's environment. */
  env?: Record<string, string>;
}

export interface RunResult {
  /** Exit code, or null when the process died from a signal (e.g. the OOM killer). */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderrTail: string;
}

/** The process ran longer than allowed. Transient from the job's point of view: retry it. */
export class ProcessTimeoutError extends Error {
  constructor(command: string, timeoutMs: number) {
    super(`${command} did not finish within ${timeoutMs} ms and was killed`);
    this.name = 'ProcessTimeoutError';
  }
}

/** The caller's AbortSignal fired (job cancelled or worker stopping). */
export class ProcessAbortedError extends Error {
  constructor(command: string) {
    super(`${command} was cancelled and killed`);
    this.name = 'ProcessAbortedError';
  }
}

/**
 * Kills the process group `pgid` when the worker dies, however it dies. The guard blocks reading a
 * pipe whose other end only this process holds; the kernel closes that end when this process
 * exits (SIGKILL and OOM included), the read returns, and the guard kills the group. The script is
 * fixed and the group id is its only argument. It runs in a group of its own so that a signal to
 * the worker's group (Ctrl-C, a supervisor) cannot take the guard down before it acts.
 */
const GUARD_SCRIPT = 'read _; kill -KILL "-$1" 2>/dev/null';

function guardParentDeath(pgid: number): ChildProcess | undefined {
  const guard = spawn('/bin/sh', ['-c', GUARD_SCRIPT, 'sf-process-guard', String(pgid)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  // No /bin/sh: run unguarded rather than fail the job; the next worker's orphan sweep remains.
  guard.once('error', () => undefined);
  guard.stdin!.on('error', () => undefined);
  return guard;
}

/** Ends a guard without letting it act: SIGKILL, so it never reads the EOF that would fire it. */
function dismiss(guard: ChildProcess | undefined) {
  if (guard?.pid === undefined || guard.exitCode !== null || guard.signalCode !== null) return;
  try {
    guard.kill('SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * The only place StreamForge starts processes. No shell: arguments go to the program as-is.
 * The child gets its own process group so that killing it also kills anything it started, and a
 * guard process that kills that group if this process dies first.
 */
export function runProcess(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const maxStderr = options.maxStderrBytes ?? 8 * 1024;
  const maxStdout = options.maxStdoutBytes ?? 16 * 1024 * 1024;
  if (options.signal?.aborted) return Promise.reject(new ProcessAbortedError(command));

  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(command, args, {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    });
    const guard = child.pid === undefined ? undefined : guardParentDeath(child.pid);
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    let failure: Error | undefined;
    const stdoutChunks: Buffer[] = [];
    let stdoutBytes = 0;
    let partialLine = '';
    let stderrTail = Buffer.alloc(0);

    const killGroup = (reason: Error) => {
      failure ??= reason;
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone; nothing left to kill.
      }
    };
    const timer = setTimeout(() => killGroup(new ProcessTimeoutError(command, options.timeoutMs)), options.timeoutMs);
    const onAbort = () => killGroup(new ProcessAbortedError(command));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const decoder = new StringDecoder('utf8');
    const emitLines = (text: string, final: boolean) => {
      const lines = (partialLine + text).split('\n');
      partialLine = final ? '' : (lines.pop() ?? '');
      try {
        for (const line of lines) if (line || !final) options.onStdoutLine?.(line.replace(/\r$/, ''));
      } catch (error) {
        killGroup(error instanceof Error ? error : new Error(String(error)));
      }
    };

    child.stdout.on('data', (chunk: Buffer) => {
      if (options.onStdoutLine) return emitLines(decoder.write(chunk), false);
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdout) killGroup(new Error(`${command} wrote more than ${maxStdout} bytes to stdout`));
      else stdoutChunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      const joined = Buffer.concat([stderrTail, chunk]);
      stderrTail = joined.length > maxStderr ? joined.subarray(joined.length - maxStderr) : joined;
    });

    let settled = false;
    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      dismiss(guard);
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      return true;
    };
    // Spawn failures (e.g. ENOENT) have no pid and may not be followed by 'close'.
    child.once('error', (error) => {
      if (child.pid !== undefined) return killGroup(error);
      if (finish()) reject(error);
    });
    // 'close' rather than 'exit': it waits until stdout and stderr are drained.
    child.once('close', (code, signal) => {
      if (!finish()) return;
      if (options.onStdoutLine) emitLines(decoder.end(), true);
      if (failure) return reject(failure);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdoutChunks).toString('utf8'),
        stderrTail: stderrTail.toString('utf8'),
      });
    });
  });
}
