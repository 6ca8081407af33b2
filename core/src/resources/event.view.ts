import type { EventRecord, EventType } from '../db/entities/event.entity';
import { unixSeconds } from './video.view';

/** The public event, as `GET /v1/events/{id}` returns it and as webhook deliveries carry it. */
export interface EventView {
  id: string;
  object: 'event';
  type: EventType;
  created: number;
  livemode: boolean;
  data: { object: Record<string, unknown> };
}

export function eventView(event: EventRecord): EventView {
  return {
    id: event.id,
    object: 'event',
    type: event.type,
    created: unixSeconds(event.createdAt),
    livemode: event.livemode,
    data: event.data,
  };
}
