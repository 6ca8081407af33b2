import type { DeliveryState, DeliveryTrigger, WebhookDelivery } from '../db/entities/webhook-delivery.entity';
import { unixSeconds } from './video.view';

export interface WebhookDeliveryView {
  /** Also the `webhook-id` header of every attempt. */
  id: string;
  object: 'webhook_delivery';
  created: number;
  livemode: boolean;
  event_id: string;
  event_type: string;
  webhook_endpoint_id: string;
  trigger: DeliveryTrigger;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: number | null;
  last_attempt_at: number | null;
  last_status_code: number | null;
  last_duration_ms: number | null;
  last_error: string | null;
  last_response_body: string | null;
}

const seconds = (d: Date | null) => (d ? unixSeconds(d) : null);

export function webhookDeliveryView(d: WebhookDelivery): WebhookDeliveryView {
  return {
    id: d.id,
    object: 'webhook_delivery',
    created: unixSeconds(d.createdAt),
    livemode: d.livemode,
    event_id: d.eventId,
    event_type: d.eventType,
    webhook_endpoint_id: d.endpointId,
    trigger: d.trigger,
    state: d.state,
    attempts: d.attempts,
    next_attempt_at: d.state === 'pending' ? seconds(d.nextAttemptAt) : null,
    last_attempt_at: seconds(d.lastAttemptAt),
    last_status_code: d.lastStatusCode,
    last_duration_ms: d.lastDurationMs,
    last_error: d.lastError,
    last_response_body: d.lastResponseBody,
  };
}
