import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort, waitForPort } from './net';

/**
 * A redis-server of a test's own on a free loopback port, so the test can kill it (and start it
 * again on the same port) without touching the Redis every other test shares.
 */
export class SpareRedis {
  private process?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<SpareRedis> {
    const redis = new SpareRedis(await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** A process killed by a signal has a signalCode and no exitCode. */
  get running(): boolean {
    return !!this.process && this.process.exitCode === null && this.process.signalCode === null;
  }

  async restart(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await waitForPort(this.port);
  }

  /** SIGKILL, resolved once the process is gone. */
  async kill(): Promise<void> {
    if (!this.process || !this.running) return;
    const exited = once(this.process, 'exit');
    this.process.kill('SIGKILL');
    await exited;
  }
}
