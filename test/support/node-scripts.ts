import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface RunningScript {
  child: ChildProcess;
  /** Resolves with the output seen so far once `line` matches it (stdout and stderr together). */
  waitFor(line: RegExp, timeoutMs?: number): Promise<string>;
}

/** Node scripts a test starts from the repository root (CLIs, examples), all killed by `killAll`. */
export class NodeScripts {
  private readonly children: ChildProcess[] = [];

  run(args: string[], env: Record<string, string>): RunningScript {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env } });
    this.children.push(child);
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    return {
      child,
      waitFor: (line, timeoutMs = 90_000) =>
        new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no ${line} in: ${output}`)), timeoutMs);
          const check = () => {
            if (line.test(output)) {
              clearTimeout(timer);
              resolve(output);
            }
          };
          child.stdout.on('data', check);
          child.stderr.on('data', check);
          check();
        }),
    };
  }

  killAll(): void {
    for (const c of this.children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
}
