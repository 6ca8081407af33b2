import type { ObjectStorage } from '@streamforge/core';
import type { GeneratedFile } from '../media/publication';
import { OutputPublisher, PublishingFencedError } from './output-publisher';

/** A store whose writes finish only when the test says so, recording what was started. */
function pendingStore() {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const storage = {
    putBuffer: (key: string) =>
      new Promise<void>((resolve) => {
        started.push(key);
        finishers.set(key, resolve);
      }),
  } as unknown as ObjectStorage;
  const finish = (key: string) => finishers.get(key)!();
  return { storage, started, finish };
}

const file = (path: string, wave: number, body = path, cacheControl = 'no-cache'): GeneratedFile => ({
  path,
  body,
  contentType: 'text/plain',
  cacheControl,
  wave,
});
const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('OutputPublisher.putGenerated', () => {
  it('writes one wave together and the next only once all of it is stored', async () => {
    const { storage, started, finish } = pendingStore();
    const publisher = new OutputPublisher(storage, 'out', '/nowhere');
    const done = publisher.putGenerated([
      file('a/index.m3u8', 0),
      file('b/index.m3u8', 0),
      file('master.m3u8', 1),
      file('manifest.mpd', 1),
      file('manifest.json', 2),
    ]);
    await turns();
    expect(started).toEqual(['out/a/index.m3u8', 'out/b/index.m3u8']);
    finish('out/a/index.m3u8');
    await turns();
    // One media playlist is still being written: the master, which lists it, must wait.
    expect(started).toHaveLength(2);
    finish('out/b/index.m3u8');
    await turns();
    expect(started.slice(2)).toEqual(['out/master.m3u8', 'out/manifest.mpd']);
    finish('out/master.m3u8');
    finish('out/manifest.mpd');
    await turns();
    expect(started.slice(4)).toEqual(['out/manifest.json']);
    finish('out/manifest.json');
    await done;
  });
});

describe('OutputPublisher.putGenerated, pass after pass', () => {
  /** A store that records every write and can be told to fail the next one. */
  function recordingStore() {
    const writes: Array<{ key: string; body: string; cacheControl?: string }> = [];
    let failNext = false;
    const storage = {
      putBuffer: async (key: string, body: Buffer, _type: string, cacheControl?: string) => {
        if (failNext) {
          failNext = false;
          throw new Error('store unavailable');
        }
        writes.push({ key, body: body.toString(), cacheControl });
      },
    } as unknown as ObjectStorage;
    return { storage, writes, failNextWrite: () => (failNext = true) };
  }

  it('writes again only what changed since it was last stored', async () => {
    const { storage, writes } = recordingStore();
    let fenceChecks = 0;
    const publisher = new OutputPublisher(storage, 'out', '/nowhere', async () => {
      fenceChecks++;
      return true;
    });
    await publisher.putGenerated([file('a.m3u8', 0, 'a1'), file('b.m3u8', 0, 'b1'), file('m.json', 2, 'm1')]);
    expect(writes.map((w) => w.key)).toEqual(['out/a.m3u8', 'out/b.m3u8', 'out/m.json']);

    writes.length = 0;
    await publisher.putGenerated([file('a.m3u8', 0, 'a2'), file('b.m3u8', 0, 'b1'), file('m.json', 2, 'm2')]);
    expect(writes).toEqual([
      { key: 'out/a.m3u8', body: 'a2', cacheControl: 'no-cache' },
      { key: 'out/m.json', body: 'm2', cacheControl: 'no-cache' },
    ]);

    // Nothing changed: nothing written, and no need to ask whether the run still owns the video.
    writes.length = 0;
    const checks = fenceChecks;
    await publisher.putGenerated([file('a.m3u8', 0, 'a2'), file('b.m3u8', 0, 'b1'), file('m.json', 2, 'm2')]);
    expect(writes).toEqual([]);
    expect(fenceChecks).toBe(checks);

    // The same body under new headers (the final, cacheable playlist) is a change.
    await publisher.putGenerated([file('b.m3u8', 0, 'b1', 'public, max-age=60')]);
    expect(writes).toEqual([{ key: 'out/b.m3u8', body: 'b1', cacheControl: 'public, max-age=60' }]);
  });

  it('a write that failed is made again on the next pass', async () => {
    const { storage, writes, failNextWrite } = recordingStore();
    const publisher = new OutputPublisher(storage, 'out', '/nowhere');
    failNextWrite();
    await expect(publisher.putGenerated([file('a.m3u8', 0, 'a1')])).rejects.toThrow('store unavailable');
    await publisher.putGenerated([file('a.m3u8', 0, 'a1')]);
    expect(writes).toEqual([{ key: 'out/a.m3u8', body: 'a1', cacheControl: 'no-cache' }]);
  });

  it('a run that lost its video writes nothing, changed or not', async () => {
    const { storage, writes } = recordingStore();
    const publisher = new OutputPublisher(storage, 'out', '/nowhere', async () => false);
    await expect(publisher.putGenerated([file('a.m3u8', 0, 'a1')])).rejects.toThrow(PublishingFencedError);
    expect(writes).toEqual([]);
  });
});
