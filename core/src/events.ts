import type { EntityManager } from 'typeorm';
import { EventRecord, type EventType } from './db/entities/event.entity';
import type { Video } from './db/entities/video.entity';
import { newId } from './ids';
import { insertNew } from './db/insert-new';
import { videoView } from './resources/video.view';

export interface NewEvent {
  accountId: string;
  livemode: boolean;
  type: EventType;
  object: object;
  /** Delivered by the caller itself (a test event to one endpoint): the relay leaves it alone. */
  relayed?: boolean;
}

/**
 * Writes an event with the manager of the transaction that makes the change, so the change and
 * its event commit or vanish together (transactional outbox).
 */
export function recordEvent(manager: EntityManager, event: NewEvent): Promise<EventRecord> {
  return insertNew(manager, newEvent(manager, event));
}

/** Records a change to a video, carrying the video as the API shows it after the change. */
export function recordVideoEvent(manager: EntityManager, video: Video, type: EventType, publicBase: string) {
  return recordEvent(manager, videoEvent(video, type, publicBase));
}

/** A change to a video as an event's content: the video as the API shows it after the change. */
export function videoEvent(video: Video, type: EventType, publicBase: string): NewEvent {
  return { accountId: video.accountId, livemode: video.livemode, type, object: videoView(video, publicBase) };
}

/** An event not yet written, for `insertAllNew` with the change it reports (one round trip for both). */
export function newEvent(manager: EntityManager, event: NewEvent): EventRecord {
  return manager.create(EventRecord, {
    id: newId('evt'),
    accountId: event.accountId,
    livemode: event.livemode,
    type: event.type,
    data: { object: event.object as Record<string, unknown> },
    relayedAt: event.relayed ? new Date() : null,
  });
}
