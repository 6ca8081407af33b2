import { PassThrough } from 'node:stream';
import { accessLine, createLoggers, type LogLevel } from './logger';

/** What the loggers made by `createLoggers(level)` wrote during `write`, one object per line. */
async function linesOf(
  write: (loggers: ReturnType<typeof createLoggers>) => void,
  level: LogLevel = 'info',
): Promise<Record<string, unknown>[]> {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  write(createLoggers(level, stream));
  await new Promise((resolve) => setImmediate(resolve));
  return chunks
    .join('')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('createLoggers', () => {
  it('writes the access line and the general lines to one stream, in order', async () => {
    const lines = await linesOf(({ log, access }) => {
      log.info('before');
      access.info(accessLine({ id: 'req_1', method: 'GET', url: '/v1/videos/vid_1' }, 200, 3.4), 'request completed');
      log.info('after');
    });
    expect(lines.map((l) => l.message)).toEqual(['before', 'request completed', 'after']);
    expect(Object.keys(lines[1])).toEqual([
      'level',
      'time',
      'service',
      'reqId',
      'request_id',
      'req',
      'res',
      'responseTime',
      'message',
    ]);
    expect(lines[1]).toMatchObject({
      level: 30,
      service: 'streamforge-api',
      reqId: 'req_1',
      request_id: 'req_1',
      req: { method: 'GET', url: '/v1/videos/vid_1' },
      res: { statusCode: 200 },
      responseTime: 3,
    });
  });

  it('scrubs the access line URL, and the general logger still redacts and scrubs', async () => {
    const key = 'sf_test_4eC39HqLyjWDarjtT1zdp7dc';
    const secret = 'upl_abc_secret_0123456789abcdef';
    const lines = await linesOf(({ log, access }) => {
      access.info(
        accessLine({ id: 'req_2', method: 'GET', url: `/v1/uploads/upl_abc?k=${key}&s=${secret}` }, 404, 1),
        'x',
      );
      log.info({ upload: { client_secret: secret }, webhook: { secret: 'whsec_abc' } }, `key ${key}`);
    });
    const text = JSON.stringify(lines);
    expect(text).not.toContain(key);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('whsec_abc');
    expect((lines[0].req as { url: string }).url).toBe(
      '/v1/uploads/upl_abc?k=sf_test_[redacted]&s=upl_abc_secret_[redacted]',
    );
    expect(lines[1]).toMatchObject({ upload: { client_secret: '[redacted]' }, message: 'key sf_test_[redacted]' });
  });

  it('leaves the access line out below info', async () => {
    const lines = await linesOf(({ log, access }) => {
      access.info(accessLine({ id: 'req_3', method: 'GET', url: '/' }, 200, 1), 'request completed');
      log.warn('kept');
    }, 'warn');
    expect(lines.map((l) => l.message)).toEqual(['kept']);
  });
});
