import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ApiKeyIdParam } from '../api-keys/dto';
import { EventIdParam } from '../events/dto';
import { UploadIdParam } from '../uploads/dto';
import { VideoIdParam } from '../videos/dto';
import { WebhookEndpointIdParam } from '../webhook-endpoints/dto';
import { ApiError } from './api-error';
import { validationOptions, validationPipe } from './validation';

const param = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'param', metatype });

/** What the pipe answers: the value it passes on, or the error it throws. */
async function outcome(pipe: ValidationPipe, value: unknown, metadata: ArgumentMetadata) {
  try {
    return { value: await pipe.transform(value, metadata) };
  } catch (error) {
    const { status, code, message, param } = error as ApiError;
    return { error: { status, code, message, param } };
  }
}

describe('validationPipe: path ids', () => {
  const pipe = validationPipe();
  afterEach(() => jest.restoreAllMocks());

  it('accepts a well-formed id without class-validator, as an instance of the param class', async () => {
    const full = jest.spyOn(ValidationPipe.prototype, 'transform');
    const value = await pipe.transform({ id: 'vid_4eC39HqLyjWDarjtT1zdp7dc' }, param(VideoIdParam));
    expect(value).toBeInstanceOf(VideoIdParam);
    expect(value).toEqual({ id: 'vid_4eC39HqLyjWDarjtT1zdp7dc' });
    expect(full).not.toHaveBeenCalled();
  });

  it('answers every id exactly as the full validation does', async () => {
    const plain = new ValidationPipe(validationOptions());
    const cases: [ArgumentMetadata['metatype'], unknown][] = [
      [VideoIdParam, { id: 'vid_abc' }],
      [VideoIdParam, { id: 'vid_' }],
      [VideoIdParam, { id: 'evt_abc' }],
      [VideoIdParam, { id: 'vid_abc\n' }],
      [VideoIdParam, { id: `vid_${'a'.repeat(65)}` }],
      [VideoIdParam, { id: 'vid_abc', extra: 'x' }],
      [VideoIdParam, { id: 42 }],
      [VideoIdParam, {}],
      [EventIdParam, { id: 'evt_abc' }],
      [EventIdParam, { id: 'vid_abc' }],
      [UploadIdParam, { id: 'upl_abc' }],
      [UploadIdParam, { id: 'upl_a-b' }],
      [ApiKeyIdParam, { id: 'key_abc' }],
      [ApiKeyIdParam, { id: 'key abc' }],
      [WebhookEndpointIdParam, { id: 'we_abc' }],
      [WebhookEndpointIdParam, { id: 'we_' }],
    ];
    for (const [metatype, value] of cases) {
      const ours = await outcome(pipe, value, param(metatype));
      const full = await outcome(plain, value, param(metatype));
      expect({ value, ours }).toEqual({ value, ours: full });
    }
  });

  it('refuses a malformed id in the words of the param class', async () => {
    expect(await outcome(pipe, { id: 'vid_a/b' }, param(VideoIdParam))).toEqual({
      error: { status: 400, code: 'parameter_invalid', message: 'Invalid id: must be a video id (vid_…)', param: 'id' },
    });
  });
});
