import { setFlagsFromString } from 'node:v8';
import { ConfigError } from '../config';
import { BUFFER_GC_FLAG, tuneBufferGc, wantsBufferGcFlag } from './buffer-gc';

// The flag itself is V8's; what is ours is when it is set. Its effect is measured in bench/transcode.
jest.mock('node:v8', () => ({ setFlagsFromString: jest.fn() }));
const setFlags = jest.mocked(setFlagsFromString);

describe('buffer garbage collection tuning', () => {
  beforeEach(() => setFlags.mockClear());

  it('applies from Node 24 (V8 13.6, where the regression and the flag arrived), not before', () => {
    expect(wantsBufferGcFlag('20.20.2', {})).toBe(false);
    expect(wantsBufferGcFlag('22.23.4', {})).toBe(false);
    expect(wantsBufferGcFlag('24.0.0', {})).toBe(true);
    expect(wantsBufferGcFlag('26.12.1', {})).toBe(true);
  });

  it('sets the flag on Node 26 and sets nothing on Node 20, where V8 would print "unrecognized flag"', () => {
    expect(tuneBufferGc({}, '26.12.1')).toBe(true);
    expect(setFlags.mock.calls).toEqual([[BUFFER_GC_FLAG]]);
    setFlags.mockClear();
    expect(tuneBufferGc({}, '20.20.2')).toBe(false);
    expect(setFlags).not.toHaveBeenCalled();
  });

  it('BUFFER_GC=default keeps V8 as it is; anything else is a configuration error', () => {
    expect(tuneBufferGc({ BUFFER_GC: 'default' }, '26.12.1')).toBe(false);
    expect(setFlags).not.toHaveBeenCalled();
    expect(tuneBufferGc({ BUFFER_GC: 'global-limit' }, '26.12.1')).toBe(true);
    expect(() => tuneBufferGc({ BUFFER_GC: 'off' }, '26.12.1')).toThrow(ConfigError);
    expect(() => tuneBufferGc({ BUFFER_GC: 'off' }, '26.12.1')).toThrow(
      /BUFFER_GC: must be "global-limit" or "default"/,
    );
  });
});
