import { type UploadSession, uploadView as coreUploadView } from '@streamforge/core';
import type { UploadObject } from './dto';

/** The view lives in core because the worker's expiry sweep puts it in `upload.expired` events. */
export function uploadView(session: UploadSession): UploadObject {
  return coreUploadView(session);
}
