import type { Event, StreamForge } from '../node/index';
import type { WebhookEndpointCreateParams } from '../resources/webhook-endpoints';
import { bytesToBase64 } from '../webhooks/encoding';

export interface ListenOptions {
  forwardTo: string;
  /** `poll` (default): read /v1/events and forward each, signed locally. `endpoint`: a temporary endpoint. */
  mode: 'poll' | 'endpoint';
  events?: string[];
  intervalMs: number;
  /** Stop after forwarding this many events (tests, scripts). */
  max?: number;
  signal?: AbortSignal;
}

function localSecret(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return `whsec_${bytesToBase64(bytes)}`;
}

/** What a developer wants to see per event: its type and the object it is about. */
function describe(event: Event): string {
  if (event.type === 'video.ready')
    return `${event.type} ${event.data.object.id} (${event.data.object.duration ?? '?'} s)`;
  return `${event.type} ${(event.data.object as { id?: string }).id ?? ''}`;
}

/**
 * `streamforge listen --forward-to http://localhost:4000/hooks`: real events on a laptop in one
 * command. By default it polls the API for new events and forwards each to the local receiver,
 * signed Standard-Webhooks style with a secret it prints, so the receiver's verification code runs
 * unchanged. With `--mode endpoint` it instead creates a temporary webhook endpoint for the local
 * URL (the server must allow private hosts: `WEBHOOK_ALLOW_PRIVATE=true`, as `npm run dev` sets)
 * and deletes it on exit.
 */
export async function listenCommand(sf: StreamForge, opts: ListenOptions, out: NodeJS.WritableStream) {
  if (opts.mode === 'endpoint') return listenWithEndpoint(sf, opts, out);
  const secret = localSecret();
  // Ids rather than a cursor: an event that commits late with an earlier timestamp is still seen.
  const seen = new Set((await sf.events.list({ limit: 100 })).data.map((e) => e.id));
  // Only now: every event from here on is forwarded.
  out.write(`Ready. Forwarding new events to ${opts.forwardTo}\nSigning secret: ${secret}\n`);
  let forwarded = 0;
  while (!opts.signal?.aborted) {
    const fresh = (await sf.events.list({ limit: 100 })).data.filter((e) => !seen.has(e.id)).reverse();
    for (const event of fresh) {
      seen.add(event.id);
      if (opts.events && !opts.events.includes('*') && !opts.events.includes(event.type)) continue;
      const body = JSON.stringify(event);
      const headers = await sf.webhooks.generateTestHeaders({ payload: body, secret, id: event.id });
      let status: string;
      try {
        const res = await fetch(opts.forwardTo, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(15_000),
        });
        status = String(res.status);
      } catch (error) {
        status = `error: ${(error as Error).message}`;
      }
      out.write(`${new Date().toISOString().slice(11, 19)}  --> ${describe(event)} [${event.id}]  <-- ${status}\n`);
      if (opts.max && ++forwarded >= opts.max) return;
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs));
  }
}

async function listenWithEndpoint(sf: StreamForge, opts: ListenOptions, out: NodeJS.WritableStream) {
  const endpoint = await sf.webhookEndpoints.create({
    url: opts.forwardTo,
    enabled_events: (opts.events?.length ? opts.events : ['*']) as WebhookEndpointCreateParams['enabled_events'],
    description: 'streamforge listen (temporary)',
  });
  out.write(
    `Ready. Temporary endpoint ${endpoint.id} delivers to ${opts.forwardTo}\nSigning secret: ${endpoint.secret}\n`,
  );
  const cleanUp = () => sf.webhookEndpoints.del(endpoint.id).catch(() => undefined);
  await new Promise<void>((resolve) => {
    if (opts.signal?.aborted) return resolve();
    opts.signal?.addEventListener('abort', () => resolve(), { once: true });
    process.once('SIGINT', () => resolve());
  });
  await cleanUp();
  out.write(`Deleted ${endpoint.id}.\n`);
}
