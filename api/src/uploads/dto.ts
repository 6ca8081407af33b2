import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ListEnvelope } from '../common/list';
import { DEFAULT_UPLOAD_MAX_SIZE } from '@streamforge/core';
import { MAX_UPLOAD_SIZE } from './upload-plan';

export class CreateUploadDto {
  @ApiProperty({ example: 'holiday.mp4', description: 'The original file name, kept for your records.' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  filename!: string;

  @ApiProperty({
    example: 52428800,
    description:
      'The exact file size in bytes. At most 50 GiB unless the server sets `UPLOAD_MAX_SIZE` ' +
      '(a larger size is refused with `upload_too_large`).',
    minimum: 1,
    maximum: DEFAULT_UPLOAD_MAX_SIZE,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_UPLOAD_SIZE)
  size!: number;

  @ApiProperty({ example: 'video/mp4', description: 'The MIME type the file will be stored with.' })
  @IsString()
  @Matches(/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i, { message: 'must be a MIME type such as video/mp4' })
  @MaxLength(127)
  content_type!: string;

  @ApiPropertyOptional({ example: 'Our holiday', description: 'A title for the video.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { customer_id: 'cus_42' },
    description: 'Your own key-value pairs, returned with the video.',
  })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, string>;
}

export class PartUrlsDto {
  @ApiPropertyOptional({
    type: [Number],
    example: [4, 5, 6],
    description: 'Part numbers to sign (at most 100). Omit to get the next parts not yet recorded.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(10_000, { each: true })
  part_numbers?: number[];
}

export class RecordedPartDto {
  @ApiProperty({ example: 1, minimum: 1, maximum: 10000 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  part_number!: number;

  @ApiProperty({
    example: '"9b2cf535f27731c974343645a3985328"',
    description: 'The ETag header S3 returned for the part.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  etag!: string;
}

export class RecordPartsDto {
  @ApiProperty({ type: [RecordedPartDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => RecordedPartDto)
  parts!: RecordedPartDto[];
}

export class UploadIdParam {
  static readonly idPattern = /^upl_[0-9A-Za-z]{1,64}$/;

  @ApiProperty({ example: 'upl_4eC39HqLyjWDarjtT1zdp7dc' })
  @IsString()
  @Matches(UploadIdParam.idPattern, { message: 'must be an upload id (upl_…)' })
  id!: string;
}

export class PartUrl {
  @ApiProperty({ example: 1 }) part_number!: number;
  @ApiProperty({ description: 'Presigned PUT URL. Send exactly `size` bytes.' }) url!: string;
  @ApiProperty({ example: 8388608 }) size!: number;
}

export class RecordedPart {
  @ApiProperty({ example: 1 }) part_number!: number;
  @ApiProperty({ example: '"9b2cf535f27731c974343645a3985328"' }) etag!: string;
}

export class UploadObject {
  @ApiProperty({ example: 'upl_4eC39HqLyjWDarjtT1zdp7dc' }) id!: string;
  @ApiProperty({ enum: ['upload'] }) object!: 'upload';
  @ApiProperty({ example: 1764072000, description: 'Unix seconds.' }) created!: number;
  @ApiProperty() livemode!: boolean;
  @ApiProperty({ enum: ['open', 'completed', 'aborted', 'expired'] }) status!: string;
  @ApiProperty({ example: 'vid_4eC39HqLyjWDarjtT1zdp7dc' }) video_id!: string;
  @ApiProperty() filename!: string;
  @ApiProperty() content_type!: string;
  @ApiProperty() size!: number;
  @ApiProperty({
    enum: ['single', 'multipart'],
    description: 'single: one PUT to part 1. multipart: parts of part_size bytes.',
  })
  mode!: 'single' | 'multipart';
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Fixed for the life of the upload; every part but the last has this size.',
  })
  part_size!: number | null;
  @ApiProperty() part_count!: number;
  @ApiProperty({ type: [RecordedPart], description: 'Parts recorded so far: what a resuming client skips.' })
  parts!: RecordedPart[];
  @ApiProperty({ example: 1764158400, description: 'Unix seconds after which the upload can no longer be completed.' })
  expires_at!: number;
  @ApiPropertyOptional({
    description:
      'Returned once, at creation. Lets a browser call this upload’s own endpoints as a Bearer token without your secret key.',
  })
  client_secret?: string;
  @ApiPropertyOptional({
    type: [PartUrl],
    description: 'Presigned URLs for the next parts (at creation and from part_urls).',
  })
  part_urls?: PartUrl[];
  @ApiPropertyOptional({ description: 'Unix seconds when the part URLs stop working.' })
  part_urls_expire_at?: number;
}

class UploadStatusError {
  @ApiProperty({ example: 'unsupported_format' }) code!: string;
  @ApiProperty() message!: string;
}

class UploadStatusProgress {
  @ApiProperty({ example: 'transcoding' }) stage!: string;
  @ApiProperty({ example: 42 }) percent!: number;
}

export class UploadStatusObject {
  @ApiProperty({ enum: ['upload_status'] }) object!: 'upload_status';
  @ApiProperty({ example: 'upl_4eC39HqLyjWDarjtT1zdp7dc' }) upload_id!: string;
  @ApiProperty({ enum: ['open', 'completed', 'aborted', 'expired'] }) upload_status!: string;
  @ApiProperty() parts_recorded!: number;
  @ApiProperty() part_count!: number;
  @ApiProperty({ example: 'vid_4eC39HqLyjWDarjtT1zdp7dc' }) video_id!: string;
  @ApiProperty({ enum: ['pending_upload', 'processing', 'ready', 'failed'] }) video_status!: string;
  @ApiProperty({ nullable: true, type: UploadStatusProgress }) progress!: UploadStatusProgress | null;
  @ApiProperty({ nullable: true, type: UploadStatusError }) error!: UploadStatusError | null;
}

export class UploadList extends ListEnvelope {
  @ApiProperty({ type: [UploadObject] }) data!: UploadObject[];
}
