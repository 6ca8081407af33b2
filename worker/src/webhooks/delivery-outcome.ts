import type { DeliveryState } from '@streamforge/core';
import type { RetrySchedule } from './retry-schedule';
import type { SendResult } from './http-sender';

/** What one attempt means for the delivery and its endpoint: pure, so the rules are tested alone. */
export interface Outcome {
  state: DeliveryState;
  /** For `pending`: how long until the next attempt. */
  nextDelayMs: number | null;
  /** The endpoint answered 2xx: it is healthy again. */
  endpointHealthy: boolean;
  /** Disable the endpoint, and why. */
  disableEndpoint: 'gone' | 'failing' | null;
}

export function outcomeOf(
  result: SendResult,
  attemptsMade: number,
  schedule: RetrySchedule,
  failingSince: Date | null,
  now: Date,
  disableAfterMs: number,
): Outcome {
  const status = result.statusCode;
  if (result.error === null && status !== null && status >= 200 && status < 300) {
    return { state: 'succeeded', nextDelayMs: null, endpointHealthy: true, disableEndpoint: null };
  }
  if (status === 410 && result.error === null) {
    return { state: 'failed', nextDelayMs: null, endpointHealthy: false, disableEndpoint: 'gone' };
  }
  if (failingSince && now.getTime() - failingSince.getTime() >= disableAfterMs) {
    return { state: 'failed', nextDelayMs: null, endpointHealthy: false, disableEndpoint: 'failing' };
  }
  const honoursRetryAfter = status === 429 || status === 503;
  const next = schedule.nextDelayMs(attemptsMade, honoursRetryAfter ? result.retryAfterMs : null);
  return {
    state: next === null ? 'exhausted' : 'pending',
    nextDelayMs: next,
    endpointHealthy: false,
    disableEndpoint: null,
  };
}
