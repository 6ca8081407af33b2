import { spawn } from 'node:child_process';
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
 * The only place StreamForge starts processes. No shell: arguments go to the program as-is.
 * The child gets its own process group so that killing it also kills anything it started.
 */
export function runProcess(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const maxStderr = options.maxStderrBytes ?? 8 * 1024;
  const maxStdout = options.maxStdoutBytes ?? 16 * 1024 * 1024;
  if (options.signal?.aborted) return Promise.reject(new ProcessAbortedError(command));

  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
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
