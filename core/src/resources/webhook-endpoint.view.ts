import type { WebhookEndpoint } from '../db/entities/webhook-endpoint.entity';
import { unixSeconds } from './video.view';

export interface WebhookEndpointView {
  id: string;
  object: 'webhook_endpoint';
  created: number;
  livemode: boolean;
  url: string;
  description: string | null;
  enabled_events: string[];
  status: 'enabled' | 'disabled';
  /** Why StreamForge disabled it: `gone` (it answered 410) or `failing` (no success for too long). */
  disabled_reason: string | null;
}

/** The public endpoint, never with its secret (shown only at creation and rotation). */
export function webhookEndpointView(endpoint: WebhookEndpoint): WebhookEndpointView {
  return {
    id: endpoint.id,
    object: 'webhook_endpoint',
    created: unixSeconds(endpoint.createdAt),
    livemode: endpoint.livemode,
    url: endpoint.url,
    description: endpoint.description,
    enabled_events: endpoint.enabledEvents,
    status: endpoint.status,
    disabled_reason: endpoint.status === 'disabled' ? endpoint.disabledReason : null,
  };
}
