import { ApiTransport, type TransportOptions } from './core/http';
import { ApiKeys } from './resources/api-keys';
import { Events } from './resources/events';
import { Uploads } from './resources/uploads';
import { Videos } from './resources/videos';
import { WebhookEndpoints } from './resources/webhook-endpoints';
import type { UploadPlatform } from './upload/ports';
import { UploadTask, type UploadOptions, type UploadRef } from './upload/upload-task';
import { Webhooks } from './webhooks/webhooks';

export interface ClientOptions extends Omit<TransportOptions, 'credential' | 'baseUrl'> {
  /** Where your StreamForge API runs, e.g. `https://video.example.com`. */
  baseUrl?: string;
}

export interface PlatformDefaults {
  baseUrl(): string | undefined;
  apiKey(): string | undefined;
}

export type UploadFileOptions = UploadOptions & ClientOptions & { upload: UploadRef | (() => Promise<UploadRef>) };

/**
 * The client, parameterised by platform: browser/index.ts and node/index.ts subclass it with
 * their file reading, HTTP and resume storage and export the same API.
 */
export class StreamForgeClient<Input, Body> {
  readonly videos: Videos;
  readonly uploads: Uploads;
  readonly events: Events;
  readonly apiKeys: ApiKeys;
  readonly webhookEndpoints: WebhookEndpoints;
  readonly webhooks = new Webhooks();
  protected readonly http: ApiTransport;

  constructor(
    protected readonly platform: UploadPlatform<Input, Body>,
    defaults: PlatformDefaults,
    apiKey: string | undefined,
    opts: ClientOptions,
  ) {
    const credential = apiKey ?? defaults.apiKey();
    if (!credential) throw new TypeError('StreamForge needs a secret API key (or set STREAMFORGE_API_KEY).');
    this.http = new ApiTransport({ ...opts, baseUrl: resolveBaseUrl(opts, defaults), credential });
    this.videos = new Videos(this.http);
    this.uploads = new Uploads(this.http);
    this.events = new Events(this.http);
    this.apiKeys = new ApiKeys(this.http);
    this.webhookEndpoints = new WebhookEndpoints(this.http);
  }

  /**
   * Uploads a file and resolves with the video, resuming an earlier session of the same file when
   * there is one. The handle can pause, resume and abort, and emits progress.
   */
  upload(input: Input, opts: UploadOptions = {}): UploadTask<Input, Body> {
    return startUpload(this.platform, this.http, opts.upload ? null : this.http, input, opts);
  }
}

/**
 * Uploads with no secret key, into an upload your backend created, authorized by its
 * `client_secret`. This is what runs in browsers.
 */
export function uploadWithClientSecret<Input, Body>(
  platform: UploadPlatform<Input, Body>,
  defaults: PlatformDefaults,
  input: Input,
  opts: UploadFileOptions,
): UploadTask<Input, Body> {
  const base = new ApiTransport({ ...opts, baseUrl: resolveBaseUrl(opts, defaults), credential: '' });
  return startUpload(platform, base, null, input, opts);
}

function startUpload<Input, Body>(
  platform: UploadPlatform<Input, Body>,
  base: ApiTransport,
  key: ApiTransport | null,
  input: Input,
  opts: UploadOptions,
): UploadTask<Input, Body> {
  const concurrency = Math.max(
    1,
    Math.min(platform.maxConcurrency, Math.floor(opts.concurrency ?? platform.defaultConcurrency)),
  );
  return new UploadTask<Input, Body>(
    {
      input,
      baseTransport: base,
      keyTransport: key,
      open: (i, o) => platform.open(i, o),
      transport: platform.transport({ concurrency }),
      store: platform.resumeStore(),
      network: platform.network?.(),
      concurrency,
    },
    opts,
  );
}

function resolveBaseUrl(opts: ClientOptions, defaults: PlatformDefaults): string {
  const baseUrl = opts.baseUrl ?? defaults.baseUrl();
  if (!baseUrl) throw new TypeError('StreamForge needs a baseUrl: the address of your StreamForge API.');
  return baseUrl;
}
