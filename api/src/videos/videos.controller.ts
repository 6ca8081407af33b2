import { Body, Controller, Delete, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBasicAuth, ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { ApiErrors } from '../common/openapi-errors';
import { ScopedRead } from '../common/request-scope';
import { InRequestTransaction } from '../common/request-transaction';
import { DeletedVideo, ListVideosQuery, UpdateVideoDto, VideoIdParam, VideoList, VideoObject } from './dto';
import { VideosService } from './videos.service';

/** Its hot read is a `@ScopedRead()`; every other handler runs in the request transaction. */
@ApiTags('Videos')
@ApiBearerAuth()
@ApiBasicAuth()
@Controller('v1/videos')
export class VideosController {
  constructor(private readonly videos: VideosService) {}

  @Get()
  @ApiOperation({ summary: 'List videos', description: 'Newest first, paged with `starting_after` / `ending_before`.' })
  @ApiResponse({ status: 200, type: VideoList })
  @ApiErrors(400, 401)
  @InRequestTransaction()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListVideosQuery) {
    return this.videos.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Retrieve a video',
    description: 'Status, progress while processing, playback URLs when ready, error when failed.',
  })
  @ApiResponse({ status: 200, type: VideoObject })
  @ApiErrors(400, 401, 404)
  @ScopedRead()
  get(@CurrentPrincipal() principal: Principal, @Param() { id }: VideoIdParam) {
    return this.videos.get(principal, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update a video', description: 'Sets the title and metadata keys; emits `video.updated`.' })
  @ApiResponse({ status: 200, type: VideoObject })
  @ApiErrors(400, 401, 404)
  @InRequestTransaction()
  update(@CurrentPrincipal() principal: Principal, @Param() { id }: VideoIdParam, @Body() dto: UpdateVideoDto) {
    return this.videos.update(principal, id, dto);
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Delete a video',
    description:
      'Deletes the video, its source and every output from storage, and stops its transcode if one is running; emits `video.deleted`.',
  })
  @ApiResponse({ status: 200, type: DeletedVideo })
  @ApiErrors(400, 401, 404)
  @InRequestTransaction()
  remove(@CurrentPrincipal() principal: Principal, @Param() { id }: VideoIdParam) {
    return this.videos.remove(principal, id);
  }
}
