// GENERATED FILE — do not edit. Made by openapi-typescript 7.13.0 from openapi/openapi.json.
// Regenerate with `npm run sdk:generate`; `npm test` fails while this file is stale.
// Hand-written code lives outside src/generated/ and only imports from here.
/* eslint-disable */
// ----- BEGIN GENERATED -----
export interface paths {
    "/v1/api_keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description The caller's account and mode, newest first. Secrets are never shown.
         */
        get: operations["ApiKeys_list"];
        put?: never;
        /**
         * Create an API key
         * @description A key of the same mode as the caller’s. The `secret` is in this response only: store it now.
         */
        post: operations["ApiKeys_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api_keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description The key answers 401 from the next request on.
         */
        delete: operations["ApiKeys_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List events
         * @description Every state change, newest first. Each event is written in the same transaction as its change.
         */
        get: operations["Events_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an event
         * @description Exactly the body webhook deliveries of this event carry. `data.object` depends on `type`.
         */
        get: operations["Events_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an event's webhook deliveries
         * @description Newest first; filter by `state`.
         */
        get: operations["Events_listDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send an event again
         * @description To one endpoint (`webhook_endpoint`), or to every enabled endpoint subscribed to its type. Each redelivery is a new delivery with its own `webhook-id` and a full retry schedule.
         */
        post: operations["Events_redeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List uploads
         * @description Newest first, paged with `starting_after` / `ending_before`.
         */
        get: operations["Uploads_list"];
        put?: never;
        /**
         * Create an upload
         * @description Creates a video in `pending_upload` and an upload session. Files up to the multipart threshold get one presigned PUT URL (part 1); larger files an S3 multipart upload with a fixed `part_size` and the first batch of part URLs. Requires a secret API key; the returned `client_secret` lets a browser finish the upload.
         */
        post: operations["Uploads_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an upload
         * @description Includes the parts recorded so far, which is what a resuming client needs.
         */
        get: operations["Uploads_get"];
        put?: never;
        post?: never;
        /**
         * Abort an upload
         * @description Discards uploaded parts; the video ends `failed` with `source_missing`.
         */
        delete: operations["Uploads_abort"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete an upload
         * @description Assembles the parts, checks the stored size, moves the video to `processing` and queues transcoding. Answers at once; follow the video or its events. Calling it again after success is harmless.
         */
        post: operations["Uploads_complete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads/{id}/part_urls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get presigned part URLs
         * @description Signs the requested parts, or the next ones not yet recorded.
         */
        post: operations["Uploads_partUrls"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads/{id}/parts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record uploaded parts
         * @description Stores the ETag S3 returned for each finished part.
         */
        post: operations["Uploads_recordParts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Upload and video status
         * @description A small object a browser can poll after completing an upload.
         */
        get: operations["Uploads_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/videos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List videos
         * @description Newest first, paged with `starting_after` / `ending_before`.
         */
        get: operations["Videos_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/videos/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a video
         * @description Status, progress while processing, playback URLs when ready, error when failed.
         */
        get: operations["Videos_get"];
        put?: never;
        post?: never;
        /**
         * Delete a video
         * @description Deletes the video, its source and every output from storage, and stops its transcode if one is running; emits `video.deleted`.
         */
        delete: operations["Videos_remove"];
        options?: never;
        head?: never;
        /**
         * Update a video
         * @description Sets the title and metadata keys; emits `video.updated`.
         */
        patch: operations["Videos_update"];
        trace?: never;
    };
    "/v1/webhook_endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description Newest first. Secrets are never listed.
         */
        get: operations["WebhookEndpoints_list"];
        put?: never;
        /**
         * Create a webhook endpoint
         * @description Returns the `whsec_` signing secret once. Deliveries follow the Standard Webhooks spec.
         */
        post: operations["WebhookEndpoints_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a webhook endpoint */
        get: operations["WebhookEndpoints_get"];
        put?: never;
        post?: never;
        /** Delete a webhook endpoint */
        delete: operations["WebhookEndpoints_remove"];
        options?: never;
        head?: never;
        /**
         * Update a webhook endpoint
         * @description URL, events, description; `disabled` pauses deliveries.
         */
        patch: operations["WebhookEndpoints_update"];
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an endpoint's deliveries
         * @description Newest first, with each delivery's attempts, last status, duration, error and response; filter by `state`.
         */
        get: operations["WebhookEndpoints_listDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable a disabled endpoint
         * @description After a 410 Gone, 5 days of failures or a manual pause. Events from now on are delivered.
         */
        post: operations["WebhookEndpoints_enable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}/rotate_secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing secret
         * @description Returns the new secret once; the previous one keeps signing alongside it for `expires_in` seconds.
         */
        post: operations["WebhookEndpoints_rotateSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event
         * @description A `webhook_endpoint.test` event, delivered to this endpoint alone, signed like every delivery.
         */
        post: operations["WebhookEndpoints_test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiKeyList: {
            data: components["schemas"]["ApiKeyObject"][];
            has_more: boolean;
            /** @enum {string} */
            object: "list";
            /** @example /v1/videos */
            url: string;
        };
        ApiKeyObject: {
            /** @example 1764072000 */
            created: number;
            /**
             * @description Enough to recognise the key, never enough to use it.
             * @example sf_test_4eC3…p7dc
             */
            display: string;
            /** @example key_4eC39HqLyjWDarjtT1zdp7dc */
            id: string;
            /** @description Live keys see only live objects; test keys only test objects. */
            livemode: boolean;
            name: string | null;
            /** @enum {string} */
            object: "api_key";
            revoked: boolean;
            /** @description The secret key. Returned once, at creation; only its SHA-256 is stored. */
            secret?: string;
        };
        CreateApiKeyDto: {
            /** @example production backend */
            name?: string;
        };
        CreateUploadDto: {
            /**
             * @description The MIME type the file will be stored with.
             * @example video/mp4
             */
            content_type: string;
            /**
             * @description The original file name, kept for your records.
             * @example holiday.mp4
             */
            filename: string;
            /**
             * @description Your own key-value pairs, returned with the video.
             * @example {
             *       "customer_id": "cus_42"
             *     }
             */
            metadata?: {
                [key: string]: string;
            };
            /**
             * @description The exact file size in bytes. At most 50 GiB unless the server sets `UPLOAD_MAX_SIZE` (a larger size is refused with `upload_too_large`).
             * @example 52428800
             */
            size: number;
            /**
             * @description A title for the video.
             * @example Our holiday
             */
            title?: string;
        };
        CreateWebhookEndpointDto: {
            /** @example Production backend */
            description?: string;
            /**
             * @description `["*"]` for every event.
             * @example [
             *       "video.ready",
             *       "video.failed"
             *     ]
             */
            enabled_events: ("*" | "video.created" | "video.processing" | "video.playable" | "video.ready" | "video.failed" | "video.updated" | "video.deleted" | "upload.expired" | "webhook_endpoint.disabled" | "webhook_endpoint.test")[];
            /**
             * @description Where events are POSTed. https in production.
             * @example https://example.com/streamforge/webhooks
             */
            url: string;
        };
        DeletedVideo: {
            /** @enum {boolean} */
            deleted: true;
            /** @example vid_4eC39HqLyjWDarjtT1zdp7dc */
            id: string;
            /** @enum {string} */
            object: "video";
        };
        DeletedWebhookEndpoint: {
            /** @enum {boolean} */
            deleted: true;
            /** @example we_4eC39HqLyjWDarjtT1zdp7dc */
            id: string;
            /** @enum {string} */
            object: "webhook_endpoint";
        };
        ErrorDetail: {
            /**
             * @description A machine-readable code.
             * @example resource_missing
             */
            code: string;
            /**
             * @description A message for the developer.
             * @example No such video: 'vid_123'
             */
            message: string;
            /**
             * @description The parameter the error is about.
             * @example id
             */
            param?: string;
            /**
             * @description Quote it when you ask for help.
             * @example req_8hHkq2B1nC3r
             */
            request_id: string;
            /** @enum {string} */
            type: "invalid_request_error" | "authentication_error" | "permission_error" | "not_found_error" | "idempotency_error" | "rate_limit_error" | "api_error";
        };
        ErrorResponse: {
            error: components["schemas"]["ErrorDetail"];
        };
        EventList: {
            data: (components["schemas"]["VideoCreatedEvent"] | components["schemas"]["VideoProcessingEvent"] | components["schemas"]["VideoPlayableEvent"] | components["schemas"]["VideoReadyEvent"] | components["schemas"]["VideoFailedEvent"] | components["schemas"]["VideoUpdatedEvent"] | components["schemas"]["VideoDeletedEvent"] | components["schemas"]["UploadExpiredEvent"] | components["schemas"]["WebhookEndpointDisabledEvent"] | components["schemas"]["WebhookEndpointTestEvent"])[];
            has_more: boolean;
            /** @enum {string} */
            object: "list";
            /** @example /v1/videos */
            url: string;
        };
        PartUrl: {
            /** @example 1 */
            part_number: number;
            /** @example 8388608 */
            size: number;
            /** @description Presigned PUT URL. Send exactly `size` bytes. */
            url: string;
        };
        PartUrlsDto: {
            /**
             * @description Part numbers to sign (at most 100). Omit to get the next parts not yet recorded.
             * @example [
             *       4,
             *       5,
             *       6
             *     ]
             */
            part_numbers?: number[];
        };
        Playback: {
            /**
             * @description DASH MPD, when ready.
             * @example https://cdn.example.com/acct_…/vid_…/v1/manifest.mpd
             */
            dash_url: string | null;
            /**
             * @description HLS master playlist (EVENT playlists while processing, VOD when ready).
             * @example https://cdn.example.com/acct_…/vid_…/v1/master.m3u8
             */
            hls_url: string;
            /**
             * @description `<sf-player>`'s manifest; grows while processing (`complete: false`).
             * @example https://cdn.example.com/acct_…/vid_…/v1/manifest.json
             */
            manifest_url: string;
            /**
             * @description When ready.
             * @example https://cdn.example.com/acct_…/vid_…/v1/poster.jpg
             */
            poster_url: string | null;
            /**
             * @description The storyboard sprite, when ready.
             * @example https://cdn.example.com/acct_…/vid_…/v1/storyboard.jpg
             */
            storyboard_image_url: string | null;
            /**
             * @description WebVTT whose cues point into the storyboard sprite (`storyboard.jpg#xywh=x,y,w,h`), when ready.
             * @example https://cdn.example.com/acct_…/vid_…/v1/storyboard.vtt
             */
            storyboard_url: string | null;
        };
        RecordedPart: {
            /** @example "9b2cf535f27731c974343645a3985328" */
            etag: string;
            /** @example 1 */
            part_number: number;
        };
        RecordedPartDto: {
            /**
             * @description The ETag header S3 returned for the part.
             * @example "9b2cf535f27731c974343645a3985328"
             */
            etag: string;
            /** @example 1 */
            part_number: number;
        };
        RecordPartsDto: {
            parts: components["schemas"]["RecordedPartDto"][];
        };
        RedeliverDto: {
            /**
             * @description Only to this endpoint (it need not be subscribed to the type). Default: every subscribed one.
             * @example we_4eC39HqLyjWDarjtT1zdp7dc
             */
            webhook_endpoint?: string;
        };
        RenditionObject: {
            /**
             * @description Peak bits per second measured from the segments.
             * @example 2800000
             */
            bandwidth: number;
            /** @example avc1.64001f,mp4a.40.2 */
            codecs: string;
            /** @example 720 */
            height?: number;
            /** @example 720p */
            id: string;
            /** @enum {string} */
            type: "video" | "audio";
            /** @example 1280 */
            width?: number;
        };
        RotateSecretDto: {
            /**
             * @description How long the previous secret keeps signing deliveries alongside the new one (seconds).
             * @default 86400
             */
            expires_in: number;
        };
        UpdateVideoDto: {
            /**
             * @description Keys to set (≤ 50 keys, keys ≤ 40 characters, values ≤ 500). An empty string removes a key.
             * @example {
             *       "customer_id": "cus_42"
             *     }
             */
            metadata?: {
                [key: string]: string;
            };
            /** @description A new title; null clears it. */
            title?: string | null;
        };
        UpdateWebhookEndpointDto: {
            description?: string;
            /** @description true pauses deliveries; false resumes them. */
            disabled?: boolean;
            enabled_events?: ("*" | "video.created" | "video.processing" | "video.playable" | "video.ready" | "video.failed" | "video.updated" | "video.deleted" | "upload.expired" | "webhook_endpoint.disabled" | "webhook_endpoint.test")[];
            /** @example https://example.com/streamforge/webhooks */
            url?: string;
        };
        UploadExpiredEvent: {
            /** @example 1764072000 */
            created: number;
            data: components["schemas"]["UploadExpiredEventData"];
            /** @example evt_4eC39HqLyjWDarjtT1zdp7dc */
            id: string;
            livemode: boolean;
            /** @enum {string} */
            object: "event";
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "upload.expired";
        };
        UploadExpiredEventData: {
            /** @description The resource as the API returned it when the event happened. */
            object: components["schemas"]["UploadObject"];
        };
        UploadList: {
            data: components["schemas"]["UploadObject"][];
            has_more: boolean;
            /** @enum {string} */
            object: "list";
            /** @example /v1/videos */
            url: string;
        };
        UploadObject: {
            /** @description Returned once, at creation. Lets a browser call this upload’s own endpoints as a Bearer token without your secret key. */
            client_secret?: string;
            content_type: string;
            /**
             * @description Unix seconds.
             * @example 1764072000
             */
            created: number;
            /**
             * @description Unix seconds after which the upload can no longer be completed.
             * @example 1764158400
             */
            expires_at: number;
            filename: string;
            /** @example upl_4eC39HqLyjWDarjtT1zdp7dc */
            id: string;
            livemode: boolean;
            /**
             * @description single: one PUT to part 1. multipart: parts of part_size bytes.
             * @enum {string}
             */
            mode: "single" | "multipart";
            /** @enum {string} */
            object: "upload";
            part_count: number;
            /** @description Fixed for the life of the upload; every part but the last has this size. */
            part_size: number | null;
            /** @description Presigned URLs for the next parts (at creation and from part_urls). */
            part_urls?: components["schemas"]["PartUrl"][];
            /** @description Unix seconds when the part URLs stop working. */
            part_urls_expire_at?: number;
            /** @description Parts recorded so far: what a resuming client skips. */
            parts: components["schemas"]["RecordedPart"][];
            size: number;
            /** @enum {string} */
            status: "open" | "completed" | "aborted" | "expired";
            /** @example vid_4eC39HqLyjWDarjtT1zdp7dc */
            video_id: string;
        };
        UploadStatusError: {
            /** @example unsupported_format */
            code: string;
            message: string;
        };
        UploadStatusObject: {
            error: components["schemas"]["UploadStatusError"] | null;
            /** @enum {string} */
            object: "upload_status";
            part_count: number;
            parts_recorded: number;
            progress: components["schemas"]["UploadStatusProgress"] | null;
            /** @example upl_4eC39HqLyjWDarjtT1zdp7dc */
            upload_id: string;
            /** @enum {string} */
            upload_status: "open" | "completed" | "aborted" | "expired";
            /** @example vid_4eC39HqLyjWDarjtT1zdp7dc */
            video_id: string;
            /** @enum {string} */
            video_status: "pending_upload" | "processing" | "ready" | "failed";
        };
        UploadStatusProgress: {
            /** @example 42 */
            percent: number;
            /** @example transcoding */
            stage: string;
        };
        VideoCreatedEvent: {
            /** @example 1764072000 */
            created: number;
            data: components["schemas"]["VideoCreatedEventData"];
            /** @example evt_4eC39HqLyjWDarjtT1zdp7dc */
            id: string;
            livemode: boolean;
            /** @enum {string} */
            object: "event";
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "video.created";
        };
        VideoCreatedEventData: {
            /** @description The resource as the API returned it when the event happened. */
            object: components["schemas"]["VideoObject"];
        };
        VideoDeletedEvent: {
            /** @example 1764072000 */
            created: number;
            data: components["schemas"]["VideoDeletedEventData"];
            /** @example evt_4eC39HqLyjWDarjtT1zdp7dc */
            id: string;
            livemode: boolean;
            /** @enum {string} */
            object: "event";
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "video.deleted";
        };
        VideoDeletedEventData: {
            /** @description The resource as the API returned it when the event happened. */
            object: components["schemas"]["VideoObject"];
        };
        VideoError: {
            /** @enum {string} */
            code: "unsupported_format" | "no_video_stream" | "corrupt_media" | "limits_exceeded" | "source_missing" | "upload_expired" | "internal_error";
            /** @example The file is not a video or audio file we can read. */
            message: string;
        };
        VideoFailedEvent: {
            /** @example 1764072000 */
            created: number;
            data: components["schemas"]["VideoFailedEventData"];
            /** @example evt_4eC39HqLyjWDarjtT1zdp7dc */
            id: string;
            livemode: boolean;
            /** @enum {string} */
            object: "event";
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "video.failed";
        };
        VideoFailedEventData: {
            /** @description The resource as the API returned it when the event happened. */
            object: components["schemas"]["VideoObject"];
        };
        VideoList: {
            data: components["schemas"]["VideoObject"][];
            has_more: boolean;
            /** @enum {string} */
            object: "list";
            /** @example /v1/videos */
            url: string;
        };
        VideoObject: {
            /** @example 1764072000 */
            created: number;
            /** @description Seconds. */
            duration: number | null;
            /** @description When failed. */
            error: components["schemas"]["VideoError"] | null;
            height: number | null;
            /** @example vid_4eC39HqLyjWDarjtT1zdp7dc */
            id: string;
            livemode: boolean;
            metadata: {
                [key: string]: string;
            };
            /** @enum {string} */
            object: "video";
            /** @description Players can start: true when ready, and while processing once every rung has its first segments. */
            playable: boolean;
            /** @description Once playable. */
            playback: components["schemas"]["Playback"] | null;
            /** @description While processing. */
            progress: components["schemas"]["VideoProgress"] | null;
            /** @description Video rungs and the shared audio track, once playable. */
            renditions: components["schemas"]["RenditionObject"][];
            /** @enum {string} */
            status: "pending_upload" | "processing" | "ready" | "failed";
            title: string | null;
            upload_id: string | null;
            width: number | null;
        };
        VideoPlayableEvent: {
            /** @example 1764072000 */
            created: number;
            data: components["schemas"]["VideoPlayableEventData"];
            /** @example evt_4eC39HqLyjWDarjtT1zdp7dc */
            id: string;
            livemode: boolean;
            /** @enum {string} */
            object: "event";
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "video.playable";
        };
        VideoPlayableEventData: {
            /** @description The resource as the API returned it when the event happened. */
            object: components["schemas"]["VideoObject"];
        };
        VideoProcessingEvent: {
            /** @example 1764072000 */
            created: number;
            data: components["schemas"]["VideoProcessingEventData"];
            /** @example evt_4eC39HqLyjWDarjtT1zdp7dc */
            id: string;
            livemode: boolean;
            /** @enum {string} */
            object: "event";
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "video.processing";
        };
        VideoProcessingEventData: {
            /** @description The resource as the API returned it when the event happened. */
            object: components["schemas"]["VideoObject"];
        };
        VideoProgress: {
            /** @example 42 */
            percent: number;
            /** @example transcoding */
            stage: string;
        };
        VideoReadyEvent: {
            /** @example 1764072000 */
            created: number;
            data: components["schemas"]["VideoReadyEventData"];
            /** @example evt_4eC39HqLyjWDarjtT1zdp7dc */
            id: string;
            livemode: boolean;
            /** @enum {string} */
            object: "event";
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "video.ready";
        };
        VideoReadyEventData: {
            /** @description The resource as the API returned it when the event happened. */
            object: components["schemas"]["VideoObject"];
        };
        VideoUpdatedEvent: {
            /** @example 1764072000 */
            created: number;
            data: components["schemas"]["VideoUpdatedEventData"];
            /** @example evt_4eC39HqLyjWDarjtT1zdp7dc */
            id: string;
            livemode: boolean;
            /** @enum {string} */
            object: "event";
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "video.updated";
        };
        VideoUpdatedEventData: {
            /** @description The resource as the API returned it when the event happened. */
            object: components["schemas"]["VideoObject"];
        };
        WebhookDeliveryList: {
            data: components["schemas"]["WebhookDeliveryObject"][];
            has_more: boolean;
            /** @enum {string} */
            object: "list";
            /** @example /v1/videos */
            url: string;
        };
        WebhookDeliveryObject: {
            /** @description Attempts made so far. */
            attempts: number;
            /** @example 1764072000 */
            created: number;
            /** @example evt_4eC39HqLyjWDarjtT1zdp7dc */
            event_id: string;
            /** @example video.ready */
            event_type: string;
            /**
             * @description Also the `webhook-id` header of every attempt.
             * @example msg_2Zf9kQ0pXyWq8LrT4bNcVd1e
             */
            id: string;
            last_attempt_at: number | null;
            last_duration_ms: number | null;
            /** @example timed out after 15000 ms */
            last_error: string | null;
            /** @description At most 64 KiB of what the receiver answered. */
            last_response_body: string | null;
            /** @description The receiver's HTTP status of the last attempt. */
            last_status_code: number | null;
            livemode: boolean;
            /** @description When the next attempt is due (unix seconds), while pending. */
            next_attempt_at: number | null;
            /** @enum {string} */
            object: "webhook_delivery";
            /**
             * @description `pending` until a 2xx (`succeeded`), a 410 or a disabled endpoint (`failed`) or the last attempt (`exhausted`).
             * @enum {string}
             */
            state: "pending" | "succeeded" | "failed" | "exhausted";
            /**
             * @description `automatic` when the event happened, `manual` from redeliver, `test` from the test endpoint.
             * @enum {string}
             */
            trigger: "automatic" | "manual" | "test";
            /** @example we_4eC39HqLyjWDarjtT1zdp7dc */
            webhook_endpoint_id: string;
        };
        WebhookEndpointDisabledEvent: {
            /** @example 1764072000 */
            created: number;
            data: components["schemas"]["WebhookEndpointDisabledEventData"];
            /** @example evt_4eC39HqLyjWDarjtT1zdp7dc */
            id: string;
            livemode: boolean;
            /** @enum {string} */
            object: "event";
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "webhook_endpoint.disabled";
        };
        WebhookEndpointDisabledEventData: {
            /** @description The resource as the API returned it when the event happened. */
            object: components["schemas"]["WebhookEndpointObject"];
        };
        WebhookEndpointList: {
            data: components["schemas"]["WebhookEndpointObject"][];
            has_more: boolean;
            /** @enum {string} */
            object: "list";
            /** @example /v1/videos */
            url: string;
        };
        WebhookEndpointObject: {
            /** @example 1764072000 */
            created: number;
            description: string | null;
            /**
             * @description Why it is disabled: by you, because it answered 410 Gone, or because it failed for 5 days.
             * @enum {string|null}
             */
            disabled_reason: "manual" | "gone" | "failing" | null;
            /**
             * @example [
             *       "video.ready"
             *     ]
             */
            enabled_events: string[];
            /** @example we_4eC39HqLyjWDarjtT1zdp7dc */
            id: string;
            livemode: boolean;
            /** @enum {string} */
            object: "webhook_endpoint";
            /**
             * @description The Standard Webhooks signing secret. Returned at creation and rotation only.
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret?: string;
            /** @enum {string} */
            status: "enabled" | "disabled";
            url: string;
        };
        WebhookEndpointTestEvent: {
            /** @example 1764072000 */
            created: number;
            data: components["schemas"]["WebhookEndpointTestEventData"];
            /** @example evt_4eC39HqLyjWDarjtT1zdp7dc */
            id: string;
            livemode: boolean;
            /** @enum {string} */
            object: "event";
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "webhook_endpoint.test";
        };
        WebhookEndpointTestEventData: {
            /** @description The resource as the API returned it when the event happened. */
            object: components["schemas"]["WebhookEndpointObject"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    ApiKeys_list: {
        parameters: {
            query?: {
                /** @description Only objects created at or after this time (unix seconds). */
                "created[gte]"?: number;
                /** @description Only objects created at or before this time (unix seconds). */
                "created[lte]"?: number;
                /** @description A cursor: the id of the first object of the next page (paging backwards). */
                ending_before?: string;
                /** @description How many objects to return. */
                limit?: number;
                /** @description A cursor: the id of the last object of the previous page. */
                starting_after?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ApiKeys_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 printable characters. A retry with the same key and body replays the first response (with `Idempotent-Replayed: true`); the same key with another body is refused. Keys are kept 24 hours. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyObject"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Another request with the same Idempotency-Key is in progress. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "idempotency_error",
                     *         "code": "idempotency_key_in_use",
                     *         "message": "A request with this Idempotency-Key is still being processed. Retry after it finishes.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ApiKeys_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyObject"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Events_list: {
        parameters: {
            query?: {
                /** @description Only objects created at or after this time (unix seconds). */
                "created[gte]"?: number;
                /** @description Only objects created at or before this time (unix seconds). */
                "created[lte]"?: number;
                /** @description A cursor: the id of the first object of the next page (paging backwards). */
                ending_before?: string;
                /** @description How many objects to return. */
                limit?: number;
                /** @description A cursor: the id of the last object of the previous page. */
                starting_after?: string;
                /** @description Only events of this type. */
                type?: "video.created" | "video.processing" | "video.playable" | "video.ready" | "video.failed" | "video.updated" | "video.deleted" | "upload.expired" | "webhook_endpoint.disabled" | "webhook_endpoint.test";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventList"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Events_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VideoCreatedEvent"] | components["schemas"]["VideoProcessingEvent"] | components["schemas"]["VideoPlayableEvent"] | components["schemas"]["VideoReadyEvent"] | components["schemas"]["VideoFailedEvent"] | components["schemas"]["VideoUpdatedEvent"] | components["schemas"]["VideoDeletedEvent"] | components["schemas"]["UploadExpiredEvent"] | components["schemas"]["WebhookEndpointDisabledEvent"] | components["schemas"]["WebhookEndpointTestEvent"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Events_listDeliveries: {
        parameters: {
            query?: {
                /** @description Only objects created at or after this time (unix seconds). */
                "created[gte]"?: number;
                /** @description Only objects created at or before this time (unix seconds). */
                "created[lte]"?: number;
                /** @description A cursor: the id of the first object of the next page (paging backwards). */
                ending_before?: string;
                /** @description How many objects to return. */
                limit?: number;
                /** @description A cursor: the id of the last object of the previous page. */
                starting_after?: string;
                /** @description Only deliveries in this state. */
                state?: "pending" | "succeeded" | "failed" | "exhausted";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryList"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Events_redeliver: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 printable characters. A retry with the same key and body replays the first response (with `Idempotent-Replayed: true`); the same key with another body is refused. Keys are kept 24 hours. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RedeliverDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryList"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Another request with the same Idempotency-Key is in progress. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "idempotency_error",
                     *         "code": "idempotency_key_in_use",
                     *         "message": "A request with this Idempotency-Key is still being processed. Retry after it finishes.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Uploads_list: {
        parameters: {
            query?: {
                /** @description Only objects created at or after this time (unix seconds). */
                "created[gte]"?: number;
                /** @description Only objects created at or before this time (unix seconds). */
                "created[lte]"?: number;
                /** @description A cursor: the id of the first object of the next page (paging backwards). */
                ending_before?: string;
                /** @description How many objects to return. */
                limit?: number;
                /** @description A cursor: the id of the last object of the previous page. */
                starting_after?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadList"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Uploads_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 printable characters. A retry with the same key and body replays the first response (with `Idempotent-Replayed: true`); the same key with another body is refused. Keys are kept 24 hours. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUploadDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadObject"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Another request with the same Idempotency-Key is in progress. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "idempotency_error",
                     *         "code": "idempotency_key_in_use",
                     *         "message": "A request with this Idempotency-Key is still being processed. Retry after it finishes.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Uploads_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadObject"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Uploads_abort: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadObject"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Uploads_complete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 printable characters. A retry with the same key and body replays the first response (with `Idempotent-Replayed: true`); the same key with another body is refused. Keys are kept 24 hours. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadObject"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Another request with the same Idempotency-Key is in progress. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "idempotency_error",
                     *         "code": "idempotency_key_in_use",
                     *         "message": "A request with this Idempotency-Key is still being processed. Retry after it finishes.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Uploads_partUrls: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 printable characters. A retry with the same key and body replays the first response (with `Idempotent-Replayed: true`); the same key with another body is refused. Keys are kept 24 hours. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PartUrlsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadObject"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Another request with the same Idempotency-Key is in progress. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "idempotency_error",
                     *         "code": "idempotency_key_in_use",
                     *         "message": "A request with this Idempotency-Key is still being processed. Retry after it finishes.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Uploads_recordParts: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 printable characters. A retry with the same key and body replays the first response (with `Idempotent-Replayed: true`); the same key with another body is refused. Keys are kept 24 hours. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordPartsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadObject"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Another request with the same Idempotency-Key is in progress. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "idempotency_error",
                     *         "code": "idempotency_key_in_use",
                     *         "message": "A request with this Idempotency-Key is still being processed. Retry after it finishes.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Uploads_status: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadStatusObject"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Videos_list: {
        parameters: {
            query?: {
                /** @description Only objects created at or after this time (unix seconds). */
                "created[gte]"?: number;
                /** @description Only objects created at or before this time (unix seconds). */
                "created[lte]"?: number;
                /** @description A cursor: the id of the first object of the next page (paging backwards). */
                ending_before?: string;
                /** @description How many objects to return. */
                limit?: number;
                /** @description A cursor: the id of the last object of the previous page. */
                starting_after?: string;
                /** @description Only videos in this status. */
                status?: "pending_upload" | "processing" | "ready" | "failed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VideoList"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Videos_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VideoObject"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Videos_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeletedVideo"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Videos_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateVideoDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VideoObject"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhookEndpoints_list: {
        parameters: {
            query?: {
                /** @description Only objects created at or after this time (unix seconds). */
                "created[gte]"?: number;
                /** @description Only objects created at or before this time (unix seconds). */
                "created[lte]"?: number;
                /** @description A cursor: the id of the first object of the next page (paging backwards). */
                ending_before?: string;
                /** @description How many objects to return. */
                limit?: number;
                /** @description A cursor: the id of the last object of the previous page. */
                starting_after?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhookEndpoints_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 printable characters. A retry with the same key and body replays the first response (with `Idempotent-Replayed: true`); the same key with another body is refused. Keys are kept 24 hours. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookEndpointDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointObject"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Another request with the same Idempotency-Key is in progress. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "idempotency_error",
                     *         "code": "idempotency_key_in_use",
                     *         "message": "A request with this Idempotency-Key is still being processed. Retry after it finishes.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhookEndpoints_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointObject"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhookEndpoints_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeletedWebhookEndpoint"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhookEndpoints_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookEndpointDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointObject"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhookEndpoints_listDeliveries: {
        parameters: {
            query?: {
                /** @description Only objects created at or after this time (unix seconds). */
                "created[gte]"?: number;
                /** @description Only objects created at or before this time (unix seconds). */
                "created[lte]"?: number;
                /** @description A cursor: the id of the first object of the next page (paging backwards). */
                ending_before?: string;
                /** @description How many objects to return. */
                limit?: number;
                /** @description A cursor: the id of the last object of the previous page. */
                starting_after?: string;
                /** @description Only deliveries in this state. */
                state?: "pending" | "succeeded" | "failed" | "exhausted";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryList"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhookEndpoints_enable: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 printable characters. A retry with the same key and body replays the first response (with `Idempotent-Replayed: true`); the same key with another body is refused. Keys are kept 24 hours. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointObject"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Another request with the same Idempotency-Key is in progress. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "idempotency_error",
                     *         "code": "idempotency_key_in_use",
                     *         "message": "A request with this Idempotency-Key is still being processed. Retry after it finishes.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhookEndpoints_rotateSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 printable characters. A retry with the same key and body replays the first response (with `Idempotent-Replayed: true`); the same key with another body is refused. Keys are kept 24 hours. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RotateSecretDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointObject"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Another request with the same Idempotency-Key is in progress. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "idempotency_error",
                     *         "code": "idempotency_key_in_use",
                     *         "message": "A request with this Idempotency-Key is still being processed. Retry after it finishes.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhookEndpoints_test: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 255 printable characters. A retry with the same key and body replays the first response (with `Idempotent-Replayed: true`); the same key with another body is refused. Keys are kept 24 hours. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryObject"];
                };
            };
            /** @description Invalid request: the error names the `param`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "invalid_request_error",
                     *         "code": "parameter_missing",
                     *         "message": "Missing required param: content_type.",
                     *         "param": "content_type",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Missing, malformed or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "authentication_error",
                     *         "code": "invalid_api_key",
                     *         "message": "Invalid API key. Check the key, or create a new one.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The credential may not call this endpoint (e.g. an upload client_secret on another upload). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "permission_error",
                     *         "code": "client_secret_scope",
                     *         "message": "An upload's client_secret can only call that upload's own endpoints.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in this account and mode. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found_error",
                     *         "code": "resource_missing",
                     *         "message": "No such video: 'vid_123'",
                     *         "param": "id",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Another request with the same Idempotency-Key is in progress. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "idempotency_error",
                     *         "code": "idempotency_key_in_use",
                     *         "message": "A request with this Idempotency-Key is still being processed. Retry after it finishes.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests with this key: retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limit_error",
                     *         "code": "rate_limited",
                     *         "message": "Too many requests with this key. Retry after 1 s.",
                     *         "request_id": "req_8hHkq2B1nC3r"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
}
// ----- END GENERATED -----
