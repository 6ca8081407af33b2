import type { ObjectStorage } from '@streamforge/core';
import type { GeneratedFile } from '../media/publication';
import { OutputPublisher } from './output-publisher';

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

const file = (path: string, wave: number): GeneratedFile => ({
  path,
  body: path,
  contentType: 'text/plain',
  cacheControl: 'no-cache',
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
