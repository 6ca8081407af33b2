import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { ListEnvelope, ListQuery } from '../common/list';

export class EventIdParam {
  @ApiProperty({ example: 'evt_4eC39HqLyjWDarjtT1zdp7dc' })
  @IsString()
  @Matches(/^evt_[0-9A-Za-z]{1,64}$/, { message: 'must be an event id (evt_…)' })
  id!: string;
}

export class ListEventsQuery extends ListQuery {
  @ApiPropertyOptional({ example: 'video.ready', description: 'Only events of this type.' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]+(\.[a-z_]+)+$/, { message: 'must be an event type such as video.ready' })
  type?: string;
}

class EventData {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The resource as the API returned it when the event happened.',
  })
  object!: Record<string, unknown>;
}

export class EventObject {
  @ApiProperty({ example: 'evt_4eC39HqLyjWDarjtT1zdp7dc' }) id!: string;
  @ApiProperty({ enum: ['event'] }) object!: 'event';
  @ApiProperty({
    example: 'video.ready',
    description:
      'video.created, video.processing, video.playable, video.ready, video.failed, video.updated, video.deleted, upload.expired',
  })
  type!: string;
  @ApiProperty({ example: 1764072000 }) created!: number;
  @ApiProperty() livemode!: boolean;
  @ApiProperty({ type: EventData }) data!: EventData;
}

export class EventList extends ListEnvelope {
  @ApiProperty({ type: [EventObject] }) data!: EventObject[];
}
