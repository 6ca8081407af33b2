import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVENT_TYPES } from '@streamforge/core';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ListEnvelope } from '../common/list';

const EVENT_CHOICES = ['*', ...EVENT_TYPES];

export class WebhookEndpointIdParam {
  static readonly idPattern = /^we_[0-9A-Za-z]{1,64}$/;

  @ApiProperty({ example: 'we_4eC39HqLyjWDarjtT1zdp7dc' })
  @IsString()
  @Matches(WebhookEndpointIdParam.idPattern, { message: 'must be a webhook endpoint id (we_…)' })
  id!: string;
}

export class CreateWebhookEndpointDto {
  @ApiProperty({
    example: 'https://example.com/streamforge/webhooks',
    description: 'Where events are POSTed. https in production.',
  })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({
    example: ['video.ready', 'video.failed'],
    enum: EVENT_CHOICES,
    isArray: true,
    description: '`["*"]` for every event.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EVENT_CHOICES.length)
  @IsIn(EVENT_CHOICES, { each: true })
  enabled_events!: string[];

  @ApiPropertyOptional({ example: 'Production backend', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ example: 'https://example.com/streamforge/webhooks' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ enum: EVENT_CHOICES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EVENT_CHOICES.length)
  @IsIn(EVENT_CHOICES, { each: true })
  enabled_events?: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ description: 'true pauses deliveries; false resumes them.' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class RotateSecretDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 7 * 24 * 3600,
    default: 86400,
    description: 'How long the previous secret keeps signing deliveries alongside the new one (seconds).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600)
  expires_in?: number;
}

export class WebhookEndpointObject {
  @ApiProperty({ example: 'we_4eC39HqLyjWDarjtT1zdp7dc' }) id!: string;
  @ApiProperty({ enum: ['webhook_endpoint'] }) object!: 'webhook_endpoint';
  @ApiProperty({ example: 1764072000 }) created!: number;
  @ApiProperty() livemode!: boolean;
  @ApiProperty() url!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: [String], example: ['video.ready'] }) enabled_events!: string[];
  @ApiProperty({ enum: ['enabled', 'disabled'] }) status!: 'enabled' | 'disabled';
  @ApiProperty({
    nullable: true,
    type: String,
    enum: ['manual', 'gone', 'failing'],
    description: 'Why it is disabled: by you, because it answered 410 Gone, or because it failed for 5 days.',
  })
  disabled_reason!: string | null;
  @ApiPropertyOptional({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The Standard Webhooks signing secret. Returned at creation and rotation only.',
  })
  secret?: string;
}

export class DeletedWebhookEndpoint {
  @ApiProperty({ example: 'we_4eC39HqLyjWDarjtT1zdp7dc' }) id!: string;
  @ApiProperty({ enum: ['webhook_endpoint'] }) object!: 'webhook_endpoint';
  @ApiProperty({ enum: [true] }) deleted!: true;
}

export class WebhookEndpointList extends ListEnvelope {
  @ApiProperty({ type: [WebhookEndpointObject] }) data!: WebhookEndpointObject[];
}
