import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('StreamForge API')
    .setDescription(
      'Upload video straight to S3-compatible storage with presigned URLs, get it transcoded to CMAF, ' +
        'and play it. Authenticate with a secret key: `Authorization: Bearer sf_test_…` (or HTTP Basic with the ' +
        'key as username). Errors share one shape: `{"error": {"type", "code", "message", "param", "request_id"}}`.',
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    .addServer(
      'http://127.0.0.1:3000',
      'Local development (`npm run dev`); use your own deployment’s URL in production',
    )
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'sf_test_… / sf_live_… secret key',
      description: 'A secret API key, or an upload client_secret on that upload’s own endpoints.',
    })
    .addBasicAuth({ type: 'http', scheme: 'basic', description: 'The API key as username, empty password.' })
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
}
