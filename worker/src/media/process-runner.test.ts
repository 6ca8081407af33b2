import { readdirSync, readFileSync } from 'node:fs';
import { ProcessAbortedError, ProcessTimeoutError, runProcess } from './process-runner';

/** Runs a JavaScript snippet in a child Node process: a portable stand-in for ffmpeg. */
function node(script: string) {
  return [process.execPath, ['-e', script]] as const;
}

/** Zombies count as dead: they are gone, only not yet reaped by init. */
function isAlive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Waits (bounded by the test's own timeout) until `done` holds: a state, never a race with a clock. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('runProcess', () => {
  it('returns the exit code, stdout and stderr', async () => {
    const [cmd, args] = node('process.stdout.write("out"); process.stderr.write("err"); process.exitCode = 3');
    await expect(runProcess(cmd, args, { timeoutMs: 10_000 })).resolves.toEqual({
      code: 3,
      signal: null,
      stdout: 'out',
      stderrTail: 'err',
    });
  });

  it('passes arguments verbatim, with no shell to interpret them', async () => {
    const tricky = ['$(touch /tmp/pwned)', '; rm -rf /', '"quoted" \'single\'', '*'];
    const result = await runProcess(
      process.execPath,
      ['-e', 'console.log(JSON.stringify(process.argv.slice(1)))', ...tricky],
      { timeoutMs: 10_000 },
    );
    expect(JSON.parse(result.stdout)).toEqual(tricky);
  });

  it('keeps only the end of a long stderr', async () => {
    const [cmd, args] = node('process.stderr.write("x".repeat(100000) + "LAST LINE")');
    const result = await runProcess(cmd, args, { timeoutMs: 10_000 });
    expect(Buffer.byteLength(result.stderrTail)).toBe(8 * 1024);
    expect(result.stderrTail.endsWith('LAST LINE')).toBe(true);
  });

  it('streams stdout line by line, joining lines split across writes', async () => {
    const lines: string[] = [];
    const [cmd, args] = node(
      'process.stdout.write("a\\nb"); setTimeout(() => process.stdout.write("c\\r\\nlast"), 20)',
    );
    const result = await runProcess(cmd, args, { timeoutMs: 10_000, onStdoutLine: (l) => lines.push(l) });
    expect(lines).toEqual(['a', 'bc', 'last']);
    expect(result.stdout).toBe('');
  });

  it('kills the whole process group, grandchildren included', async () => {
    // The child starts a grandchild that shares its stdout, prints its pid, then both hang. The run is
    // cancelled once the pid is known, so a slow machine cannot make the test miss it.
    const [cmd, args] = node(`
      const { spawn } = require('node:child_process');
      const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' });
      console.log(grandchild.pid);
      setInterval(() => {}, 1000);
    `);
    const controller = new AbortController();
    const pids: number[] = [];
    const run = runProcess(cmd, args, {
      timeoutMs: 600_000,
      signal: controller.signal,
      onStdoutLine: (l) => {
        if (!l) return;
        pids.push(Number(l));
        controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(ProcessAbortedError);
    expect(pids).toHaveLength(1);
    // The kernel closes a killed process's pipes before it becomes a zombie, so 'close' can come a
    // moment before the grandchild's death shows in /proc (seen on a busy machine): wait for it. A
    // grandchild the kill missed never dies, and the test fails at its timeout.
    await until(() => !isAlive(pids[0]));
  });

  it('kills a process that outlives its time limit', async () => {
    const [cmd, args] = node('setInterval(() => {}, 1000)');
    await expect(runProcess(cmd, args, { timeoutMs: 200 })).rejects.toBeInstanceOf(ProcessTimeoutError);
  });

  it('kills the process when the signal aborts', async () => {
    const controller = new AbortController();
    const [cmd, args] = node('console.log("ready"); setInterval(() => {}, 1000)');
    const run = runProcess(cmd, args, {
      timeoutMs: 60_000,
      signal: controller.signal,
      onStdoutLine: () => controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(ProcessAbortedError);
  });

  it('does not start anything when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      runProcess('/nonexistent/binary', [], { timeoutMs: 1_000, signal: controller.signal }),
    ).rejects.toBeInstanceOf(ProcessAbortedError);
  });

  it('rejects when the program does not exist', async () => {
    await expect(runProcess('/nonexistent/binary', [], { timeoutMs: 1_000 })).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses unbounded stdout', async () => {
    const [cmd, args] = node('process.stdout.write("y".repeat(5000))');
    await expect(runProcess(cmd, args, { timeoutMs: 10_000, maxStdoutBytes: 1000 })).rejects.toThrow(
      /more than 1000 bytes/,
    );
  });

  it('starts a guard for the process group while the process runs and ends it, unfired, afterwards', async () => {
    let pgid = 0;
    const guardsOf = (id: number) =>
      readdirSync('/proc')
        .filter((e) => /^\d+$/.test(e))
        .filter((e) => {
          try {
            const argv = readFileSync(`/proc/${e}/cmdline`, 'utf8').split('\0');
            return argv.includes('sf-process-guard') && argv.includes(String(id)) && isAlive(Number(e));
          } catch {
            return false;
          }
        });
    let whileRunning: string[] = [];
    const [cmd, args] = node('console.log("up"); setTimeout(() => {}, 300)');
    await runProcess(cmd, args, {
      timeoutMs: 10_000,
      onSpawn: (id) => (pgid = id),
      onStdoutLine: (line) => {
        if (line === 'up') whileRunning = guardsOf(pgid);
      },
    });
    expect(whileRunning).toHaveLength(1);
    // SIGKILLed at the child's exit; it disappears as soon as the kernel has delivered that.
    await until(() => guardsOf(pgid).length === 0);
  });
});
