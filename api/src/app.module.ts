import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { AppConfig, HostResolver } from '@streamforge/core';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthGuard } from './auth/auth.guard';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { RouteMethods } from './common/route-methods';
import { EventsModule } from './events/events.module';
import { HealthController } from './health/health.controller';
import { InfraModule } from './infra/infra.module';
import { AuthFailureLimiter } from './rate-limit/auth-failure-limiter';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { UploadsModule } from './uploads/uploads.module';
import { VideosModule } from './videos/videos.module';
import { WebhookEndpointsModule } from './webhook-endpoints/webhook-endpoints.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, routes = new RouteMethods(), resolveHost?: HostResolver): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfraModule.forRoot(config, resolveHost),
        UploadsModule,
        VideosModule,
        EventsModule,
        ApiKeysModule,
        WebhookEndpointsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        AuthFailureLimiter,
        { provide: RouteMethods, useValue: routes },
      ],
    };
  }
}
