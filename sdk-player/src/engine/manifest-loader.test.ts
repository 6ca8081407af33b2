import { loadManifest, parseManifest, resolveUrl } from './manifest-loader';
import { loadSegment } from './segment-loader';

const MANIFEST = {
  version: 1,
  complete: true,
  duration: 8,
  segment_duration: 4,
  renditions: [
    {
      id: '180p',
      type: 'video',
      width: 320,
      height: 180,
      mime_type: 'video/mp4',
      codecs: 'avc1.64000d',
      bandwidth: 300000,
      average_bandwidth: 250000,
      init: '180p/init.mp4',
      segments: [
        { url: '180p/seg_00000.m4s', start: 0, duration: 4, bytes: 100 },
        { url: '180p/seg_00001.m4s', start: 4, duration: 4, bytes: 120 },
      ],
    },
  ],
  audio: null,
  poster: null,
  storyboard: null,
  thumbnails: null,
};

/** A scripted fetch: each call takes the next response. */
function scripted(...responses: Array<Response | Error>) {
  const calls: string[] = [];
  const fetch = async (url: string) => {
    calls.push(url);
    const next = responses.shift();
    if (!next) throw new Error('no response scripted');
    if (next instanceof Error) throw next;
    return next;
  };
  return { fetch, calls };
}

describe('manifest loader', () => {
  it('loads and accepts a manifest; URLs resolve against manifest.json', async () => {
    const { fetch } = scripted(new Response(JSON.stringify(MANIFEST)));
    const m = await loadManifest('https://cdn.test/a/v1/manifest.json', { fetch });
    expect(m.renditions[0].id).toBe('180p');
    expect(resolveUrl('https://cdn.test/a/v1/manifest.json', m.renditions[0].init)).toBe(
      'https://cdn.test/a/v1/180p/init.mp4',
    );
  });

  it('refuses other versions and malformed tracks with MANIFEST_INVALID', () => {
    expect(() => parseManifest({ ...MANIFEST, version: 2 })).toThrow(
      expect.objectContaining({ code: 'MANIFEST_INVALID' }),
    );
    const broken = structuredClone(MANIFEST);
    (broken.renditions[0].segments[0] as any).bytes = 'many';
    expect(() => parseManifest(broken)).toThrow(/malformed segment/);
    expect(() => parseManifest({ ...MANIFEST, renditions: [] })).toThrow(/no renditions/);
  });

  it('an HTTP error or a network failure is MANIFEST_LOAD_FAILED; a non-JSON body MANIFEST_INVALID', async () => {
    await expect(loadManifest('u', scripted(new Response('', { status: 404 })))).rejects.toMatchObject({
      code: 'MANIFEST_LOAD_FAILED',
      message: expect.stringContaining('404'),
    });
    await expect(loadManifest('u', scripted(new TypeError('Failed to fetch')))).rejects.toMatchObject({
      code: 'MANIFEST_LOAD_FAILED',
    });
    await expect(loadManifest('u', scripted(new Response('<html>')))).rejects.toMatchObject({
      code: 'MANIFEST_INVALID',
    });
  });
});

describe('segment loader', () => {
  const body = (n: number) => new Response(new Uint8Array(n));
  const signal = new AbortController().signal;

  it('retries a 500, a 404 and a truncated body, then succeeds, reporting each retry', async () => {
    const { fetch, calls } = scripted(
      new Response('', { status: 500 }),
      new Response('', { status: 404 }),
      body(50),
      body(100),
    );
    const retries: string[] = [];
    const got = await loadSegment('s', {
      fetch,
      signal,
      expectedBytes: 100,
      backoffMs: [1, 1, 1],
      onRetry: (_n, reason) => retries.push(reason),
    });
    expect(got.bytes).toBe(100);
    expect(calls).toHaveLength(4);
    expect(retries).toEqual(['HTTP 500', 'HTTP 404', 'truncated: 50 of 100 bytes']);
  });

  it('gives up with SEGMENT_LOAD_FAILED after the retries', async () => {
    const { fetch, calls } = scripted(...[1, 2, 3].map(() => new Response('', { status: 503 })));
    await expect(loadSegment('s', { fetch, signal, backoffMs: [1, 1] })).rejects.toMatchObject({
      code: 'SEGMENT_LOAD_FAILED',
      message: expect.stringContaining('HTTP 503'),
    });
    expect(calls).toHaveLength(3);
  });

  it('an abort (a seek elsewhere) stops retrying at once', async () => {
    const controller = new AbortController();
    const { fetch, calls } = scripted(new Response('', { status: 500 }), body(1));
    const pending = loadSegment('s', { fetch, signal: controller.signal, backoffMs: [10_000] });
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toHaveLength(1);
  });
});
