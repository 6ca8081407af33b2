import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type AppConfig,
  type HostResolver,
  newId,
  type TargetRules,
  WebhookEndpoint,
  webhookEndpointView as endpointView,
} from '@streamforge/core';
import type { AccountScope } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { type ListPage, type ListQuery, listScoped } from '../common/list';
import { RequestScope } from '../common/request-scope';
import { APP_CONFIG, HOST_RESOLVER } from '../infra/tokens';
import type {
  CreateWebhookEndpointDto,
  DeletedWebhookEndpoint,
  UpdateWebhookEndpointDto,
  WebhookEndpointObject,
} from './dto';
import { assertWebhookUrl } from './endpoint-url';

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** Normalises `["*", "video.ready"]` to `["*"]` and removes duplicates. */
function eventsOf(events: string[]): string[] {
  return events.includes('*') ? ['*'] : [...new Set(events)];
}

@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly scope: RequestScope,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(HOST_RESOLVER) private readonly resolve: HostResolver,
  ) {}

  list(scope: AccountScope, query: ListQuery): Promise<ListPage<WebhookEndpointObject>> {
    return listScoped(this.scope.manager, WebhookEndpoint, scope, query, {
      url: '/v1/webhook_endpoints',
      view: endpointView,
    });
  }

  async get(scope: AccountScope, id: string): Promise<WebhookEndpointObject> {
    return endpointView(await this.find(scope, id));
  }

  async create(scope: AccountScope, dto: CreateWebhookEndpointDto): Promise<WebhookEndpointObject> {
    const secret = newSecret();
    const url = await this.checkedUrl(dto.url);
    const endpoint = await this.scope.manager.save(
      this.scope.manager.create(WebhookEndpoint, {
        id: newId('we'),
        accountId: scope.accountId,
        livemode: scope.livemode,
        url,
        description: dto.description ?? null,
        enabledEvents: eventsOf(dto.enabled_events),
        status: 'enabled',
        secret,
        previousSecret: null,
        previousSecretExpiresAt: null,
        failingSince: null,
        disabledReason: null,
      }),
    );
    return { ...endpointView(endpoint), secret };
  }

  async update(scope: AccountScope, id: string, dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointObject> {
    const endpoint = await this.find(scope, id);
    if (dto.url !== undefined) endpoint.url = await this.checkedUrl(dto.url);
    if (dto.enabled_events !== undefined) endpoint.enabledEvents = eventsOf(dto.enabled_events);
    if (dto.description !== undefined) endpoint.description = dto.description;
    if (dto.disabled === true) {
      endpoint.status = 'disabled';
      endpoint.disabledReason = 'manual';
    }
    if (dto.disabled === false) this.markEnabled(endpoint);
    return endpointView(await this.scope.manager.save(endpoint));
  }

  /** Re-enables an endpoint (disabled by hand, by a 410 or by failing too long); its failure clock restarts. */
  async enable(scope: AccountScope, id: string): Promise<WebhookEndpointObject> {
    const endpoint = await this.find(scope, id);
    this.markEnabled(endpoint);
    return endpointView(await this.scope.manager.save(endpoint));
  }

  private markEnabled(endpoint: WebhookEndpoint) {
    endpoint.status = 'enabled';
    endpoint.disabledReason = null;
    endpoint.failingSince = null;
  }

  async remove(scope: AccountScope, id: string): Promise<DeletedWebhookEndpoint> {
    const endpoint = await this.find(scope, id);
    await this.scope.manager.delete(WebhookEndpoint, { id: endpoint.id });
    return { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
  }

  /** A new secret at once; the previous one keeps signing (both signatures sent) for `expiresIn` s. */
  async rotateSecret(scope: AccountScope, id: string, expiresIn = 86_400): Promise<WebhookEndpointObject> {
    const endpoint = await this.find(scope, id);
    const secret = newSecret();
    endpoint.previousSecret = expiresIn > 0 ? endpoint.secret : null;
    endpoint.previousSecretExpiresAt = expiresIn > 0 ? new Date(Date.now() + expiresIn * 1000) : null;
    endpoint.secret = secret;
    return { ...endpointView(await this.scope.manager.save(endpoint)), secret };
  }

  /** Production takes only https URLs to public hosts; only the development switch allows private ones. */
  private checkedUrl(raw: string): Promise<string> {
    const rules: TargetRules = {
      allowPrivate: this.config.webhooks.allowPrivate,
      requireHttps: this.config.env === 'production',
    };
    return assertWebhookUrl(raw, rules, this.resolve);
  }

  private async find(scope: AccountScope, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.scope.manager.findOneBy(WebhookEndpoint, {
      id,
      accountId: scope.accountId,
      livemode: scope.livemode,
    });
    if (!endpoint) throw ApiError.notFound('webhook_endpoint', id);
    return endpoint;
  }
}
