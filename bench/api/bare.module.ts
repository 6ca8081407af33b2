import { Body, Controller, Get, HttpCode, Module, Param, Post } from '@nestjs/common';

/**
 * The baseline: NestJS 11 on Fastify answering the same two routes with a constant object, with no
 * auth, database, validation or storage. What is left is the framework's own cost per request.
 */
@Controller('v1')
class HelloController {
  @Get('videos/:id')
  video(@Param('id') id: string) {
    return { id, object: 'video', created: 1764072000, livemode: false, status: 'pending_upload', title: 'hello' };
  }

  @Post('uploads')
  @HttpCode(201)
  upload(@Body() body: Record<string, unknown>) {
    return { id: 'upl_hello', object: 'upload', created: 1764072000, livemode: false, status: 'open', ...body };
  }
}

@Module({ controllers: [HelloController] })
export class BareModule {}
