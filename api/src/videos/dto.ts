import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { VIDEO_STATUSES } from '@streamforge/core';
import { ListEnvelope, ListQuery } from '../common/list';

export class VideoIdParam {
  @ApiProperty({ example: 'vid_4eC39HqLyjWDarjtT1zdp7dc' })
  @IsString()
  @Matches(/^vid_[0-9A-Za-z]{1,64}$/, { message: 'must be a video id (vid_…)' })
  id!: string;
}

export class ListVideosQuery extends ListQuery {
  @ApiPropertyOptional({ enum: VIDEO_STATUSES, description: 'Only videos in this status.' })
  @IsOptional()
  @IsIn(VIDEO_STATUSES)
  status?: (typeof VIDEO_STATUSES)[number];
}

class VideoProgress {
  @ApiProperty({ example: 'transcoding' }) stage!: string;
  @ApiProperty({ example: 42 }) percent!: number;
}

class VideoError {
  @ApiProperty({
    enum: ['unsupported_format', 'no_video_stream', 'corrupt_media', 'limits_exceeded', 'source_missing', 'internal_error'],
  })
  code!: string;
  @ApiProperty({ example: 'The file is not a video or audio file we can read.' }) message!: string;
}

class RenditionObject {
  @ApiProperty({ example: '720p' }) id!: string;
  @ApiProperty({ enum: ['video', 'audio'] }) type!: string;
  @ApiPropertyOptional({ example: 1280 }) width?: number;
  @ApiPropertyOptional({ example: 720 }) height?: number;
  @ApiProperty({ example: 'avc1.64001f,mp4a.40.2' }) codecs!: string;
  @ApiProperty({ example: 2800000, description: 'Peak bits per second measured from the segments.' }) bandwidth!: number;
}

class Playback {
  @ApiProperty({ example: 'https://cdn.example.com/acct_…/vid_…/v1/manifest.json' }) manifest_url!: string;
}

export class VideoObject {
  @ApiProperty({ example: 'vid_4eC39HqLyjWDarjtT1zdp7dc' }) id!: string;
  @ApiProperty({ enum: ['video'] }) object!: 'video';
  @ApiProperty({ example: 1764072000 }) created!: number;
  @ApiProperty() livemode!: boolean;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) metadata!: Record<string, string>;
  @ApiProperty({ enum: VIDEO_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) upload_id!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Seconds.' }) duration!: number | null;
  @ApiProperty({ nullable: true, type: Number }) width!: number | null;
  @ApiProperty({ nullable: true, type: Number }) height!: number | null;
  @ApiProperty({ nullable: true, type: VideoProgress, description: 'While processing.' }) progress!: VideoProgress | null;
  @ApiProperty({ type: [RenditionObject] }) renditions!: RenditionObject[];
  @ApiProperty({ nullable: true, type: Playback, description: 'When ready.' }) playback!: Playback | null;
  @ApiProperty({ nullable: true, type: VideoError, description: 'When failed.' }) error!: VideoError | null;
}

export class VideoList extends ListEnvelope {
  @ApiProperty({ type: [VideoObject] }) data!: VideoObject[];
}
