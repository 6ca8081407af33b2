// Everything both entry points export besides the platform-bound client.
export * from './core/errors';
export type * from './core/types';
export { PagedList } from './core/pagination';
export type { ClientOptions, PlatformDefaults } from './client';
export { StreamForgeClient } from './client';
export {
  Webhooks,
  WebhookVerificationError,
  type HeadersLike,
  type RawBody,
  type VerifyOptions,
} from './webhooks/webhooks';
export { PartNetworkError, StallError } from './upload/errors';
export { planParts, choosePartSize, S3_LIMITS, type PartRange } from './upload/plan';
export type { UploadProgress } from './upload/progress';
export type { UploadState, UploadStatus, UploadResult } from './upload/state';
export type { UploadOptions, UploadRef, UploadEvents, UploadTask } from './upload/upload-task';
export type {
  FileSource,
  PartTransport,
  PartPutRequest,
  PartPutResponse,
  ResumeStore,
  ResumeRecord,
  NetworkMonitor,
  UploadPlatform,
} from './upload/ports';
export { MemoryResumeStore } from './upload/ports';
