import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { EVENT_TYPES, type EventType } from '@streamforge/core';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ListEnvelope, ListQuery } from '../common/list';
import { UploadObject } from '../uploads/dto';
import { VideoObject } from '../videos/dto';
import { WebhookEndpointObject } from '../webhook-endpoints/dto';

export class EventIdParam {
  static readonly idPattern = /^evt_[0-9A-Za-z]{1,64}$/;

  @ApiProperty({ example: 'evt_4eC39HqLyjWDarjtT1zdp7dc' })
  @IsString()
  @Matches(EventIdParam.idPattern, { message: 'must be an event id (evt_…)' })
  id!: string;
}

export class ListEventsQuery extends ListQuery {
  @ApiPropertyOptional({ enum: EVENT_TYPES, example: 'video.ready', description: 'Only events of this type.' })
  @IsOptional()
  @IsString()
  @IsIn(EVENT_TYPES as readonly string[], { message: 'must be an event type such as video.ready' })
  type?: string;
}

/** What `data.object` is for each event type: the resource as the API returned it at the time. */
const OBJECT_OF: Record<EventType, new () => object> = {
  'video.created': VideoObject,
  'video.processing': VideoObject,
  'video.playable': VideoObject,
  'video.ready': VideoObject,
  'video.failed': VideoObject,
  'video.updated': VideoObject,
  'video.deleted': VideoObject,
  'upload.expired': UploadObject,
  'webhook_endpoint.disabled': WebhookEndpointObject,
  'webhook_endpoint.test': WebhookEndpointObject,
};

const pascal = (type: string) =>
  type
    .split(/[._]/)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');

/** One schema per event type (`VideoReadyEvent` …) so generated clients get a discriminated union. */
function eventSchemaClass(type: EventType): new () => object {
  const name = pascal(type);
  class Data {
    object!: object;
  }
  ApiProperty({ type: OBJECT_OF[type], description: 'The resource as the API returned it when the event happened.' })(
    Data.prototype,
    'object',
  );
  Object.defineProperty(Data, 'name', { value: `${name}EventData` });
  class TypedEvent {
    id!: string;
    object!: 'event';
    type!: EventType;
    created!: number;
    livemode!: boolean;
    data!: Data;
  }
  ApiProperty({ type: String, example: 'evt_4eC39HqLyjWDarjtT1zdp7dc' })(TypedEvent.prototype, 'id');
  ApiProperty({ type: String, enum: ['event'] })(TypedEvent.prototype, 'object');
  ApiProperty({ type: String, enum: [type] })(TypedEvent.prototype, 'type');
  ApiProperty({ type: Number, example: 1764072000 })(TypedEvent.prototype, 'created');
  ApiProperty({ type: Boolean })(TypedEvent.prototype, 'livemode');
  ApiProperty({ type: Data })(TypedEvent.prototype, 'data');
  Object.defineProperty(TypedEvent, 'name', { value: `${name}Event` });
  return TypedEvent;
}

export const EVENT_SCHEMAS = EVENT_TYPES.map(eventSchemaClass);

/** `oneOf` the typed events, told apart by `type`. */
export const EVENT_SCHEMA = {
  oneOf: EVENT_SCHEMAS.map((c) => ({ $ref: getSchemaPath(c) })),
  discriminator: {
    propertyName: 'type',
    mapping: Object.fromEntries(EVENT_TYPES.map((t, i) => [t, getSchemaPath(EVENT_SCHEMAS[i])])),
  },
};

export class EventList extends ListEnvelope {
  @ApiProperty({ type: 'array', items: EVENT_SCHEMA }) data!: object[];
}
