import { Module } from '@nestjs/common';
import { VideosController } from './videos.controller';
import { VideosService } from './videos.service';

@Module({ controllers: [VideosController], providers: [VideosService] })
export class VideosModule {}
