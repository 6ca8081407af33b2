import { setFlagsFromString } from 'node:v8';
import { ConfigError, loadConfig } from '../config';
import { BUFFER_GC_FLAG, tuneBufferGc, wantsBufferGcFlag } from './buffer-gc';

// The flag itself is V8's; what is ours is when it is set. Its effect is measured in bench/transcode.
jest.mock('node:v8', () => ({ setFlagsFromString: jest.fn() }));
const setFlags = jest.mocked(setFlagsFromString);

describe('buffer garbage collection tuning', () => {
  beforeEach(() => setFlags.mockClear());

  it('applies from Node 24 (V8 13.6, where the regression and the flag arrived), not before', () => {
    expect(wantsBufferGcFlag('global-limit', '20.20.2')).toBe(false);
    expect(wantsBufferGcFlag('global-limit', '22.23.4')).toBe(false);
    expect(wantsBufferGcFlag('global-limit', '24.0.0')).toBe(true);
    expect(wantsBufferGcFlag('global-limit', '26.12.1')).toBe(true);
  });

  it('sets the flag on Node 26 and sets nothing on Node 20, where V8 would print "unrecognized flag"', () => {
    expect(tuneBufferGc('global-limit', '26.12.1')).toBe(true);
    expect(setFlags.mock.calls).toEqual([[BUFFER_GC_FLAG]]);
    setFlags.mockClear();
    expect(tuneBufferGc('global-limit', '20.20.2')).toBe(false);
    expect(setFlags).not.toHaveBeenCalled();
  });

  it('BUFFER_GC=default keeps V8 as it is; unset means global-limit; anything else is a configuration error', () => {
    expect(tuneBufferGc(loadConfig({ BUFFER_GC: 'default' }).bufferGc, '26.12.1')).toBe(false);
    expect(setFlags).not.toHaveBeenCalled();
    expect(loadConfig({}).bufferGc).toBe('global-limit');
    expect(tuneBufferGc(loadConfig({ BUFFER_GC: 'global-limit' }).bufferGc, '26.12.1')).toBe(true);
    expect(() => loadConfig({ BUFFER_GC: 'off' })).toThrow(ConfigError);
    expect(() => loadConfig({ BUFFER_GC: 'off' })).toThrow(/BUFFER_GC/);
  });
});
