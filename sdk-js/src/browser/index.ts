// Browser entry point: injects Blob slices, XMLHttpRequest and IndexedDB into the shared client.
import {
  StreamForgeClient,
  uploadWithClientSecret,
  type ClientOptions,
  type PlatformDefaults,
  type UploadFileOptions,
} from '../client';
import { MemoryResumeStore, type UploadPlatform } from '../upload/ports';
import type { UploadTask } from '../upload/upload-task';
import { openBlob } from './blob-source';
import { IndexedDbResumeStore } from './indexeddb-store';
import { browserNetwork } from './network';
import { XhrTransport } from './xhr-transport';

export * from '../public-api';
export type { UploadFileOptions } from '../client';
export { IndexedDbResumeStore } from './indexeddb-store';
export { XhrTransport } from './xhr-transport';

/** A File from an <input type="file"> or drag and drop, or any Blob. */
export type BrowserUploadInput = Blob;

export const browserPlatform: UploadPlatform<BrowserUploadInput, Blob> = {
  open: (file, opts) => openBlob(file, opts),
  transport: () => new XhrTransport(),
  // Without IndexedDB (some private modes) uploads still work, only not across reloads.
  resumeStore: () => (typeof indexedDB === 'undefined' ? new MemoryResumeStore() : new IndexedDbResumeStore()),
  network: browserNetwork,
  defaultConcurrency: 4,
  // Browsers open at most 6 HTTP/1.1 connections per host, and S3 speaks HTTP/1.1.
  maxConcurrency: 6,
};

const defaults: PlatformDefaults = {
  baseUrl: () => (typeof location !== 'undefined' ? location.origin : undefined),
  apiKey: () => undefined,
};

/** The full client. In a browser prefer `uploadFile` with a client_secret: never ship a secret key to a page. */
export class StreamForge extends StreamForgeClient<BrowserUploadInput, Blob> {
  constructor(apiKey?: string, opts: ClientOptions = {}) {
    super(browserPlatform, defaults, apiKey, opts);
  }
}

/** Uploads a File into an upload your backend created, with its `client_secret`. */
export function uploadFile(file: BrowserUploadInput, opts: UploadFileOptions): UploadTask<BrowserUploadInput, Blob> {
  return uploadWithClientSecret(browserPlatform, defaults, file, opts);
}

export default StreamForge;
