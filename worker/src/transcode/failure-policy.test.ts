import { MediaError } from '../media/errors';
import { StalledEncodeError } from '../media/transcoder';
import { mediaFailure } from './failure-policy';

describe('mediaFailure', () => {
  it('passes media errors through on any attempt', () => {
    const error = new MediaError('limits_exceeded', 'too big');
    expect(mediaFailure(error, 0)).toBe(error);
  });

  it('retries a first stall and fails the video with corrupt_media on the second', () => {
    expect(mediaFailure(new StalledEncodeError(120), 0)).toBeNull();
    expect(mediaFailure(new StalledEncodeError(120), 1)).toMatchObject({ code: 'corrupt_media' });
  });

  it('leaves anything else to the retries', () => {
    expect(mediaFailure(new Error('ECONNRESET'), 3)).toBeNull();
  });
});
