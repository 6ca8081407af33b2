import { Module } from '@nestjs/common';
import { UploadsController } from './uploads.controller';
import { PartSigner } from './part-signer';
import { UploadCompleter } from './upload-completer';
import { UploadsService } from './uploads.service';

@Module({ controllers: [UploadsController], providers: [UploadsService, UploadCompleter, PartSigner] })
export class UploadsModule {}
