import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ListEnvelope } from '../common/list';

export class ApiKeyIdParam {
  static readonly idPattern = /^key_[0-9A-Za-z]{1,64}$/;

  @ApiProperty({ example: 'key_4eC39HqLyjWDarjtT1zdp7dc' })
  @IsString()
  @Matches(ApiKeyIdParam.idPattern, { message: 'must be an API key id (key_…)' })
  id!: string;
}

export class CreateApiKeyDto {
  @ApiPropertyOptional({ example: 'production backend', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;
}

export class ApiKeyObject {
  @ApiProperty({ example: 'key_4eC39HqLyjWDarjtT1zdp7dc' }) id!: string;
  @ApiProperty({ enum: ['api_key'] }) object!: 'api_key';
  @ApiProperty({ example: 1764072000 }) created!: number;
  @ApiProperty({ description: 'Live keys see only live objects; test keys only test objects.' }) livemode!: boolean;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ example: 'sf_test_4eC3…p7dc', description: 'Enough to recognise the key, never enough to use it.' })
  display!: string;
  @ApiProperty() revoked!: boolean;
  @ApiPropertyOptional({ description: 'The secret key. Returned once, at creation; only its SHA-256 is stored.' })
  secret?: string;
}

export class ApiKeyList extends ListEnvelope {
  @ApiProperty({ type: [ApiKeyObject] }) data!: ApiKeyObject[];
}
