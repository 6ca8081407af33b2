import { Injectable } from '@nestjs/common';
import { EventRecord, unixSeconds } from '@streamforge/core';
import type { AccountScope } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { type ListPage, listScoped } from '../common/list';
import { RequestScope } from '../common/request-scope';
import type { EventObject, ListEventsQuery } from './dto';

export function eventView(event: EventRecord): EventObject {
  return {
    id: event.id,
    object: 'event',
    type: event.type,
    created: unixSeconds(event.createdAt),
    livemode: event.livemode,
    data: event.data,
  };
}

@Injectable()
export class EventsService {
  constructor(private readonly scope: RequestScope) {}

  async get(scope: AccountScope, id: string): Promise<EventObject> {
    const event = await this.scope.manager.findOneBy(EventRecord, {
      id,
      accountId: scope.accountId,
      livemode: scope.livemode,
    });
    if (!event) throw ApiError.notFound('event', id);
    return eventView(event);
  }

  list(scope: AccountScope, query: ListEventsQuery): Promise<ListPage<EventObject>> {
    return listScoped(this.scope.manager, EventRecord, scope, query, {
      url: '/v1/events',
      view: eventView,
      filter: (qb) => query.type && qb.andWhere('row.type = :type', { type: query.type }),
    });
  }
}
