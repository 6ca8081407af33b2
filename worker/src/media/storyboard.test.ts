import { buildStoryboardVtt, fitLongSide, planStoryboard, tilesFromThumbnails } from './storyboard';

describe('planStoryboard', () => {
  it('one 160 px tile per 4 s, ten to a row, one spare tile', () => {
    expect(planStoryboard(60, 1920, 1080)).toEqual({
      interval: 4,
      everyNth: 1,
      capacity: 16,
      columns: 10,
      rows: 2,
      tileWidth: 160,
      tileHeight: 90,
    });
    expect(planStoryboard(9, 1080, 1920)).toMatchObject({
      capacity: 4,
      columns: 4,
      rows: 1,
      tileWidth: 90,
      tileHeight: 160,
    });
  });

  it('stretches the interval for long videos so the sprite stays near 1000 tiles, taking every Nth thumbnail', () => {
    const plan = planStoryboard(6 * 3600, 1920, 1080);
    expect(plan.capacity).toBeLessThanOrEqual(1001);
    expect(plan.interval % 4).toBe(0);
    expect(plan.everyNth).toBe(plan.interval / 4);
    expect(tilesFromThumbnails(plan, 5400)).toBe(Math.ceil(5400 / plan.everyNth));
  });
});

describe('fitLongSide', () => {
  it('keeps the aspect with even sides and never upscales', () => {
    expect(fitLongSide(1024, 576, 320)).toEqual([320, 180]);
    expect(fitLongSide(100, 50, 320)).toEqual([100, 50]);
  });
});

describe('buildStoryboardVtt', () => {
  it('cues cover [0, duration] back to back, pointing at the newest tiles at the end of the window', () => {
    const plan = planStoryboard(9.5, 640, 360); // capacity 4: one spare slot stays empty at the front
    expect(buildStoryboardVtt(plan, 9.5, 'storyboard.jpg', 3)).toBe(
      [
        'WEBVTT',
        '',
        '00:00:00.000 --> 00:00:04.000',
        'storyboard.jpg#xywh=160,0,160,90',
        '',
        '00:00:04.000 --> 00:00:08.000',
        'storyboard.jpg#xywh=320,0,160,90',
        '',
        '00:00:08.000 --> 00:00:09.500',
        'storyboard.jpg#xywh=480,0,160,90',
        '',
      ].join('\n'),
    );
  });

  it('uses the spare slot when the video has one tile more than planned', () => {
    const plan = planStoryboard(8, 640, 360); // planned 2, capacity 3
    expect(buildStoryboardVtt(plan, 8.04, 'storyboard.jpg', 3)).toContain(
      '00:00:00.000 --> 00:00:04.000\nstoryboard.jpg#xywh=0,0,160,90',
    );
  });

  it('writes hours for long videos and wraps tiles into rows', () => {
    const plan = planStoryboard(3700, 640, 360);
    const vtt = buildStoryboardVtt(plan, 3700, 'storyboard.jpg', 925);
    expect(vtt).toContain('01:01:36.000 --> 01:01:40.000');
    expect(vtt).toContain('#xywh=0,90,160,90');
  });
});
