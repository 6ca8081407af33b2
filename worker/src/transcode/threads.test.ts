import { threadsPerStage } from './transcode.service';

describe('threadsPerStage', () => {
  it('a job running alone leaves the threads to ffmpeg (the whole host)', () => {
    expect(threadsPerStage(0, 1, 2)).toBe(0);
    expect(threadsPerStage(0, 1, 16)).toBe(0);
  });

  it('jobs running together split the cores, at least one thread each', () => {
    expect(threadsPerStage(0, 2, 2)).toBe(1);
    expect(threadsPerStage(0, 2, 16)).toBe(8);
    expect(threadsPerStage(0, 3, 16)).toBe(5);
    expect(threadsPerStage(0, 4, 2)).toBe(1);
  });

  it('TRANSCODE_THREADS, when set, is used whatever runs', () => {
    expect(threadsPerStage(3, 1, 2)).toBe(3);
    expect(threadsPerStage(3, 4, 2)).toBe(3);
  });
});
