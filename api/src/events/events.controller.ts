import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBasicAuth, ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { ApiErrors } from '../common/openapi-errors';
import { EventIdParam, EventList, EventObject, ListEventsQuery } from './dto';
import { EventsService } from './events.service';

@ApiTags('Events')
@ApiBearerAuth()
@ApiBasicAuth()
@Controller('v1/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({
    summary: 'List events',
    description: 'Every state change, newest first. Each event is written in the same transaction as its change.',
  })
  @ApiResponse({ status: 200, type: EventList })
  @ApiErrors(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListEventsQuery) {
    return this.events.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve an event' })
  @ApiResponse({ status: 200, type: EventObject })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @Param() { id }: EventIdParam) {
    return this.events.get(principal, id);
  }
}
