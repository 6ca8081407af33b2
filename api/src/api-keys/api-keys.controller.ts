import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBasicAuth, ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { ListQuery } from '../common/list';
import { ApiErrors, ApiIdempotent } from '../common/openapi-errors';
import { InRequestTransaction } from '../common/request-transaction';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyIdParam, ApiKeyList, ApiKeyObject, CreateApiKeyDto } from './dto';

@ApiTags('API keys')
@ApiBearerAuth()
@ApiBasicAuth()
@Controller('v1/api_keys')
@InRequestTransaction()
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({
    summary: 'List API keys',
    description: "The caller's account and mode, newest first. Secrets are never shown.",
  })
  @ApiResponse({ status: 200, type: ApiKeyList })
  @ApiErrors(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListQuery) {
    return this.keys.list(principal, query);
  }

  @Post()
  @ApiIdempotent()
  @ApiOperation({
    summary: 'Create an API key',
    description: 'A key of the same mode as the caller’s. The `secret` is in this response only: store it now.',
  })
  @ApiResponse({ status: 201, type: ApiKeyObject })
  @ApiErrors(400, 401, 403)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateApiKeyDto) {
    return this.keys.create(principal, dto.name);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key', description: 'The key answers 401 from the next request on.' })
  @ApiResponse({ status: 200, type: ApiKeyObject })
  @ApiErrors(400, 401, 403, 404)
  revoke(@CurrentPrincipal() principal: Principal, @Param() { id }: ApiKeyIdParam) {
    return this.keys.revoke(principal, id);
  }
}
