import { readdir, readFile } from 'node:fs/promises';

/** A process's command name and parent, from /proc (Linux). */
async function procStat(pid: number): Promise<{ comm: string; ppid: number; state: string } | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const [state, ppid] = stat.slice(close + 2).split(' ');
    return { comm: stat.slice(stat.indexOf('(') + 1, close), ppid: Number(ppid), state };
  } catch {
    return null;
  }
}

async function childrenNamed(parentPid: number, comm: string): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const found: number[] = [];
  for (const pid of pids) {
    const stat = await procStat(pid);
    if (stat && stat.ppid === parentPid && stat.comm === comm && stat.state !== 'Z') found.push(pid);
  }
  return found;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Holds a worker's ffmpeg still, so a test acts while an encode is provably in progress instead of
 * hoping a slow preset is still running. The encoder is stopped (SIGSTOP) the moment it is seen and
 * moves only when the test lets it.
 */
export class EncoderGate {
  private constructor(readonly pid: number) {}

  /** Waits for `parentPid` to start ffmpeg and stops it at once. */
  static async catch(parentPid: number, timeoutMs = 120_000): Promise<EncoderGate> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [pid] = await childrenNamed(parentPid, 'ffmpeg');
      // One that exits between the /proc scan and the signal (ESRCH) was not caught: look again.
      const gate = pid === undefined ? null : new EncoderGate(pid);
      if (gate?.signal('SIGSTOP')) return gate;
      if (Date.now() > deadline) throw new Error(`process ${parentPid} started no ffmpeg`);
      await pause(10);
    }
  }

  /** Lets the encoder run in short slices until `done` holds, then leaves it stopped. */
  async stepUntil(done: () => Promise<boolean>, timeoutMs = 150_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error('the encoder never reached the awaited state');
      if (!this.signal('SIGCONT')) throw new Error('the encoder exited before the awaited state');
      await pause(100);
      this.signal('SIGSTOP');
    }
  }

  /** The encoder's command line, as the worker started it. */
  async args(): Promise<string[]> {
    return (await readFile(`/proc/${this.pid}/cmdline`, 'utf8')).split('\0').slice(1, -1);
  }

  /** Waits until the encoder has ended (killed by its worker, say) without letting it move. */
  async ended(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stat = await procStat(this.pid);
      if (!stat || stat.state === 'Z') return;
      if (Date.now() > deadline) throw new Error(`the held encoder ${this.pid} is still there`);
      await pause(50);
    }
  }

  resume(): void {
    this.signal('SIGCONT');
  }

  /** For an encoder whose worker is gone: nothing else will stop it. */
  kill(): void {
    this.signal('SIGKILL');
  }

  private signal(signal: NodeJS.Signals): boolean {
    try {
      process.kill(this.pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}
