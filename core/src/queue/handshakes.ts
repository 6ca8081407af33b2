import type { Queue } from 'bullmq';

/**
 * Waits, at most `ms`, for each queue's Redis connection to finish its handshake; call it just
 * before the queues are closed. BullMQ closing a connection mid-handshake rejects that handshake
 * after the connection's listeners are gone, so the rejection surfaces as an unhandled error
 * (taskforcesh/bullmq#3546) — seen when an api was closed moments after it started on a busy
 * machine. Bounded because Redis may be down at shutdown; then the close goes ahead regardless.
 */
export async function letQueuesConnect(queues: Queue[], ms = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([Promise.all(queues.map((queue) => queue.waitUntilReady().catch(() => undefined))), bound]);
  } finally {
    clearTimeout(timer);
  }
}
