import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBasicAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AllowClientSecret, CurrentPrincipal, type Principal } from '../auth/principal';
import { ApiErrors, ApiIdempotent } from '../common/openapi-errors';
import { ListQuery } from '../common/list';
import { InRequestTransaction } from '../common/request-transaction';
import {
  CreateUploadDto,
  PartUrlsDto,
  RecordPartsDto,
  UploadIdParam,
  UploadList,
  UploadObject,
  UploadStatusObject,
} from './dto';
import { UploadCompleter } from './upload-completer';
import { UploadsService } from './uploads.service';

@ApiTags('Uploads')
@ApiBearerAuth()
@ApiBasicAuth()
@Controller('v1/uploads')
@InRequestTransaction()
export class UploadsController {
  constructor(
    private readonly uploads: UploadsService,
    private readonly completer: UploadCompleter,
  ) {}

  @Post()
  @InRequestTransaction({ oneStatement: true })
  @ApiIdempotent()
  @ApiOperation({
    summary: 'Create an upload',
    description:
      'Creates a video in `pending_upload` and an upload session. Files up to the multipart threshold get one ' +
      'presigned PUT URL (part 1); larger files an S3 multipart upload with a fixed `part_size` and the first ' +
      'batch of part URLs. Requires a secret API key; the returned `client_secret` lets a browser finish the upload.',
  })
  @ApiResponse({ status: 201, type: UploadObject })
  @ApiErrors(400, 401, 403)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateUploadDto) {
    return this.uploads.create(principal, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List uploads',
    description: 'Newest first, paged with `starting_after` / `ending_before`.',
  })
  @ApiResponse({ status: 200, type: UploadList })
  @ApiErrors(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListQuery) {
    return this.uploads.list(principal, query);
  }

  @Get(':id/status')
  @AllowClientSecret()
  @ApiOperation({
    summary: 'Upload and video status',
    description: 'A small object a browser can poll after completing an upload.',
  })
  @ApiResponse({ status: 200, type: UploadStatusObject })
  @ApiErrors(400, 401, 403, 404)
  status(@CurrentPrincipal() principal: Principal, @Param() { id }: UploadIdParam) {
    return this.uploads.status(principal, id);
  }

  @Get(':id')
  @AllowClientSecret()
  @ApiOperation({
    summary: 'Retrieve an upload',
    description: 'Includes the parts recorded so far, which is what a resuming client needs.',
  })
  @ApiResponse({ status: 200, type: UploadObject })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @Param() { id }: UploadIdParam) {
    return this.uploads.get(principal, id);
  }

  @Post(':id/part_urls')
  @ApiIdempotent()
  @HttpCode(200)
  @AllowClientSecret()
  @ApiOperation({
    summary: 'Get presigned part URLs',
    description: 'Signs the requested parts, or the next ones not yet recorded.',
  })
  @ApiResponse({ status: 200, type: UploadObject })
  @ApiErrors(400, 401, 403, 404)
  partUrls(@CurrentPrincipal() principal: Principal, @Param() { id }: UploadIdParam, @Body() dto: PartUrlsDto) {
    return this.uploads.partUrls(principal, id, dto.part_numbers);
  }

  @Post(':id/parts')
  @ApiIdempotent()
  @HttpCode(200)
  @AllowClientSecret()
  @ApiOperation({
    summary: 'Record uploaded parts',
    description: 'Stores the ETag S3 returned for each finished part.',
  })
  @ApiResponse({ status: 200, type: UploadObject })
  @ApiErrors(400, 401, 403, 404)
  recordParts(@CurrentPrincipal() principal: Principal, @Param() { id }: UploadIdParam, @Body() dto: RecordPartsDto) {
    return this.uploads.recordParts(principal, id, dto.parts);
  }

  @Post(':id/complete')
  @ApiIdempotent()
  @HttpCode(202)
  @AllowClientSecret()
  @ApiOperation({
    summary: 'Complete an upload',
    description:
      'Assembles the parts, checks the stored size, moves the video to `processing` and queues transcoding. ' +
      'Answers at once; follow the video or its events. Calling it again after success is harmless.',
  })
  @ApiResponse({ status: 202, type: UploadObject })
  @ApiErrors(400, 401, 403, 404)
  complete(@CurrentPrincipal() principal: Principal, @Param() { id }: UploadIdParam) {
    return this.completer.complete(principal, id);
  }

  @Delete(':id')
  @AllowClientSecret()
  @ApiOperation({
    summary: 'Abort an upload',
    description: 'Discards uploaded parts; the video ends `failed` with `source_missing`.',
  })
  @ApiResponse({ status: 200, type: UploadObject })
  @ApiErrors(400, 401, 403, 404)
  abort(@CurrentPrincipal() principal: Principal, @Param() { id }: UploadIdParam) {
    return this.uploads.abort(principal, id);
  }
}
