import { StepTimer } from './step-timer';

describe('StepTimer', () => {
  it('charges each step the time since the one before, and sums them', () => {
    const clock = [100, 112.4, 120, 1_120.6];
    const timer = new StepTimer(() => clock.shift()!);
    timer.end('claim');
    timer.end('source head');
    timer.end('probe');
    expect(timer.describe()).toBe('1021 ms: claim 12 ms, source head 8 ms, probe 1001 ms');
  });
});
