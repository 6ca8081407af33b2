import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { VIDEO_STATUSES } from '@streamforge/core';
import { ListEnvelope, ListQuery } from '../common/list';

export class VideoIdParam {
  static readonly idPattern = /^vid_[0-9A-Za-z]{1,64}$/;

  @ApiProperty({ example: 'vid_4eC39HqLyjWDarjtT1zdp7dc' })
  @IsString()
  @Matches(VideoIdParam.idPattern, { message: 'must be a video id (vid_…)' })
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
    enum: [
      'unsupported_format',
      'no_video_stream',
      'corrupt_media',
      'limits_exceeded',
      'source_missing',
      'upload_expired',
      'internal_error',
    ],
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
  @ApiProperty({ example: 2800000, description: 'Peak bits per second measured from the segments.' })
  bandwidth!: number;
}

class Playback {
  @ApiProperty({
    example: 'https://cdn.example.com/acct_…/vid_…/v1/manifest.json',
    description: "`<sf-player>`'s manifest; grows while processing (`complete: false`).",
  })
  manifest_url!: string;
  @ApiProperty({
    example: 'https://cdn.example.com/acct_…/vid_…/v1/master.m3u8',
    description: 'HLS master playlist (EVENT playlists while processing, VOD when ready).',
  })
  hls_url!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'https://cdn.example.com/acct_…/vid_…/v1/manifest.mpd',
    description: 'DASH MPD, when ready.',
  })
  dash_url!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'https://cdn.example.com/acct_…/vid_…/v1/poster.jpg',
    description: 'When ready.',
  })
  poster_url!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'https://cdn.example.com/acct_…/vid_…/v1/storyboard.vtt',
    description: 'WebVTT whose cues point into the storyboard sprite (`storyboard.jpg#xywh=x,y,w,h`), when ready.',
  })
  storyboard_url!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'https://cdn.example.com/acct_…/vid_…/v1/storyboard.jpg',
    description: 'The storyboard sprite, when ready.',
  })
  storyboard_image_url!: string | null;
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
  @ApiProperty({ nullable: true, type: VideoProgress, description: 'While processing.' })
  progress!: VideoProgress | null;
  @ApiProperty({ type: [RenditionObject], description: 'Video rungs and the shared audio track, once playable.' })
  renditions!: RenditionObject[];
  @ApiProperty({
    description: 'Players can start: true when ready, and while processing once every rung has its first segments.',
  })
  playable!: boolean;
  @ApiProperty({ nullable: true, type: Playback, description: 'Once playable.' }) playback!: Playback | null;
  @ApiProperty({ nullable: true, type: VideoError, description: 'When failed.' }) error!: VideoError | null;
}

export class VideoList extends ListEnvelope {
  @ApiProperty({ type: [VideoObject] }) data!: VideoObject[];
}

export class UpdateVideoDto {
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 500, description: 'A new title; null clears it.' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  title?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Keys to set (≤ 50 keys, keys ≤ 40 characters, values ≤ 500). An empty string removes a key.',
    example: { customer_id: 'cus_42' },
  })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, string>;
}

export class DeletedVideo {
  @ApiProperty({ example: 'vid_4eC39HqLyjWDarjtT1zdp7dc' }) id!: string;
  @ApiProperty({ enum: ['video'] }) object!: 'video';
  @ApiProperty({ enum: [true] }) deleted!: true;
}
