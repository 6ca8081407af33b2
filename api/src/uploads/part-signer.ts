import { Inject, Injectable } from '@nestjs/common';
import { type AppConfig, ObjectStorage, type UploadSession } from '@streamforge/core';
import { APP_CONFIG } from '../infra/tokens';
import type { PartUrl, UploadObject } from './dto';
import { partLength, type UploadPlan } from './upload-plan';

/** Presigns part URLs, each bound to its exact byte count, never outliving the upload session. */
@Injectable()
export class PartSigner {
  constructor(
    private readonly storage: ObjectStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sign(
    session: UploadSession,
    numbers: number[],
  ): Promise<Pick<UploadObject, 'part_urls' | 'part_urls_expire_at'>> {
    const expiresIn = Math.min(
      this.config.uploads.presignedUrlTtlSeconds,
      Math.max(1, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000)),
    );
    const plan: UploadPlan = session.s3UploadId
      ? { mode: 'multipart', partSize: session.partSize!, partCount: session.partCount }
      : { mode: 'single', partSize: null, partCount: 1 };
    const part_urls: PartUrl[] = await Promise.all(
      numbers.map(async (n) => {
        const size = partLength(session.size, plan, n);
        const url = session.s3UploadId
          ? await this.storage.presignPart(session.objectKey, session.s3UploadId, n, size, expiresIn)
          : await this.storage.presignPut(session.objectKey, {
              contentLength: size,
              contentType: session.contentType,
              expiresIn,
            });
        return { part_number: n, url, size };
      }),
    );
    return { part_urls, part_urls_expire_at: Math.floor(Date.now() / 1000) + expiresIn };
  }
}
