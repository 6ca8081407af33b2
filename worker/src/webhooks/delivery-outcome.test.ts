import { outcomeOf } from './delivery-outcome';
import type { SendResult } from './http-sender';
import { RetrySchedule } from './retry-schedule';

const schedule = new RetrySchedule([0, 1000, 2000], 0);
const now = new Date(1_000_000);
const DAY = 86_400_000;
const result = (over: Partial<SendResult>): SendResult => ({
  statusCode: 200,
  durationMs: 5,
  error: null,
  body: '',
  retryAfterMs: null,
  ...over,
});

describe('outcomeOf', () => {
  it('counts only 2xx as success', () => {
    expect(outcomeOf(result({ statusCode: 204 }), 1, schedule, null, now, DAY)).toMatchObject({
      state: 'succeeded',
      endpointHealthy: true,
    });
    for (const statusCode of [301, 302, 400, 404, 500]) {
      expect(outcomeOf(result({ statusCode }), 1, schedule, null, now, DAY)).toMatchObject({
        state: 'pending',
        nextDelayMs: 1000,
      });
    }
    // A 2xx whose body never finished (deadline) is not a success.
    expect(outcomeOf(result({ statusCode: 200, error: 'timed out' }), 1, schedule, null, now, DAY).state).toBe(
      'pending',
    );
  });

  it('is exhausted after the last scheduled attempt', () => {
    expect(outcomeOf(result({ statusCode: 500 }), 3, schedule, null, now, DAY)).toMatchObject({
      state: 'exhausted',
      nextDelayMs: null,
    });
  });

  it('410 fails the delivery and disables the endpoint at once', () => {
    expect(outcomeOf(result({ statusCode: 410 }), 1, schedule, null, now, DAY)).toMatchObject({
      state: 'failed',
      disableEndpoint: 'gone',
    });
  });

  it('honours Retry-After on 429 and 503 only', () => {
    const late = result({ statusCode: 429, retryAfterMs: 10 });
    expect(outcomeOf(late, 1, schedule, null, now, DAY).nextDelayMs).toBe(10);
    expect(outcomeOf({ ...late, statusCode: 503 }, 1, schedule, null, now, DAY).nextDelayMs).toBe(10);
    expect(outcomeOf({ ...late, statusCode: 500 }, 1, schedule, null, now, DAY).nextDelayMs).toBe(1000);
  });

  it('disables an endpoint that has failed for longer than the limit', () => {
    const failing = new Date(now.getTime() - DAY);
    expect(outcomeOf(result({ statusCode: 500 }), 1, schedule, failing, now, DAY)).toMatchObject({
      state: 'failed',
      disableEndpoint: 'failing',
    });
    const recent = new Date(now.getTime() - DAY + 1);
    expect(outcomeOf(result({ statusCode: 500 }), 1, schedule, recent, now, DAY).disableEndpoint).toBeNull();
  });
});
