import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type AppConfig, newId, unixSeconds, WebhookEndpoint } from '@streamforge/core';
import type { AccountScope } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { type ListPage, type ListQuery, listScoped } from '../common/list';
import { RequestScope } from '../common/request-scope';
import { APP_CONFIG } from '../infra/tokens';
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

function endpointView(endpoint: WebhookEndpoint): WebhookEndpointObject {
  return {
    id: endpoint.id,
    object: 'webhook_endpoint',
    created: unixSeconds(endpoint.createdAt),
    livemode: endpoint.livemode,
    url: endpoint.url,
    description: endpoint.description,
    enabled_events: endpoint.enabledEvents,
    status: endpoint.status,
  };
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
    const endpoint = await this.scope.manager.save(
      this.scope.manager.create(WebhookEndpoint, {
        id: newId('we'),
        accountId: scope.accountId,
        livemode: scope.livemode,
        url: assertWebhookUrl(dto.url, this.strictUrls()),
        description: dto.description ?? null,
        enabledEvents: eventsOf(dto.enabled_events),
        status: 'enabled',
        secret,
        previousSecret: null,
        previousSecretExpiresAt: null,
      }),
    );
    return { ...endpointView(endpoint), secret };
  }

  async update(scope: AccountScope, id: string, dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointObject> {
    const endpoint = await this.find(scope, id);
    if (dto.url !== undefined) endpoint.url = assertWebhookUrl(dto.url, this.strictUrls());
    if (dto.enabled_events !== undefined) endpoint.enabledEvents = eventsOf(dto.enabled_events);
    if (dto.description !== undefined) endpoint.description = dto.description;
    if (dto.disabled !== undefined) endpoint.status = dto.disabled ? 'disabled' : 'enabled';
    return endpointView(await this.scope.manager.save(endpoint));
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

  /** A production deployment only delivers to public https URLs; development may use localhost. */
  private strictUrls(): boolean {
    return this.config.env === 'production';
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
