import type { EntityManager } from 'typeorm';
import { EventRecord, type EventType } from './db/entities/event.entity';
import { newId } from './ids';

/**
 * Writes an event with the manager of the transaction that makes the change, so the change and
 * its event commit or vanish together (transactional outbox).
 */
export async function recordEvent(
  manager: EntityManager,
  event: { accountId: string; livemode: boolean; type: EventType; object: object },
): Promise<EventRecord> {
  const record = manager.create(EventRecord, {
    id: newId('evt'),
    accountId: event.accountId,
    livemode: event.livemode,
    type: event.type,
    data: { object: event.object as Record<string, unknown> },
  });
  return manager.save(record);
}
