// Node entry point: injects file streams, node:http and a JSON resume file into the shared client.
import {
  StreamForgeClient,
  uploadWithClientSecret,
  type ClientOptions,
  type PlatformDefaults,
  type UploadFileOptions,
} from '../client';
import type { UploadPlatform } from '../upload/ports';
import type { UploadTask } from '../upload/upload-task';
import { openNodeFile, type NodeBody } from './file-source';
import { NodeHttpTransport } from './http-transport';
import { JsonFileResumeStore } from './json-file-store';

export * from '../public-api';
export type { UploadFileOptions } from '../client';
export { JsonFileResumeStore, defaultResumeFile } from './json-file-store';
export { NodeHttpTransport } from './http-transport';
export { openNodeFile, type NodeBody } from './file-source';

/** A path on disk. */
export type NodeUploadInput = string;

export const nodePlatform: UploadPlatform<NodeUploadInput, NodeBody> = {
  open: (path, opts) => openNodeFile(path, opts),
  transport: ({ concurrency }) => new NodeHttpTransport(concurrency),
  resumeStore: () => new JsonFileResumeStore(),
  defaultConcurrency: 8,
  maxConcurrency: 32,
};

const defaults: PlatformDefaults = {
  baseUrl: () => process.env.STREAMFORGE_BASE_URL,
  apiKey: () => process.env.STREAMFORGE_API_KEY,
};

export class StreamForge extends StreamForgeClient<NodeUploadInput, NodeBody> {
  /** `apiKey` defaults to STREAMFORGE_API_KEY and `baseUrl` to STREAMFORGE_BASE_URL. */
  constructor(apiKey?: string, opts: ClientOptions = {}) {
    super(nodePlatform, defaults, apiKey, opts);
  }
}

/** Uploads a file into an upload created elsewhere, with its `client_secret` (no secret key). */
export function uploadFile(path: NodeUploadInput, opts: UploadFileOptions): UploadTask<NodeUploadInput, NodeBody> {
  return uploadWithClientSecret(nodePlatform, defaults, path, opts);
}

export default StreamForge;
