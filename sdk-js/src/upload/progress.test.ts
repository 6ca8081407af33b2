import { ProgressMeter, type UploadProgress } from './progress';

test('events are throttled to one per 100 ms, with the latest numbers and an EWMA speed', () => {
  jest.useFakeTimers();
  try {
    let now = 10_000;
    const events: UploadProgress[] = [];
    const meter = new ProgressMeter(
      1000,
      2,
      (p) => events.push(p),
      () => now,
    );
    meter.partBytes(1, 10); // first change: emitted at once
    for (let i = 1; i <= 100; i++) meter.partBytes(1, 10 + i); // a burst within the same instant
    expect(events).toHaveLength(1);
    now = 10_100;
    jest.advanceTimersByTime(100);
    expect(events).toHaveLength(2);
    expect(events[1].bytesInFlight).toBe(110);

    // 250 ms later, 250 more bytes: about 1000 bytes/s.
    now = 10_350;
    meter.partBytes(1, 360);
    now = 10_600;
    meter.partBytes(2, 250);
    meter.partCommitted(1, 500);
    const last = meter.snapshot();
    expect(last.bytesCommitted).toBe(500);
    expect(last.bytesInFlight).toBe(250);
    expect(last.partsCommitted).toBe(1);
    expect(last.speed).toBeGreaterThan(0);
    expect(last.etaSeconds).toBe(Math.ceil((1000 - 750) / last.speed));
    meter.dispose();
  } finally {
    jest.useRealTimers();
  }
});
