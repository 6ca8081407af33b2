import { checkWebhookUrl, type HostResolver, type TargetRules, WebhookTargetError } from '@streamforge/core';
import { ApiError } from '../common/api-error';

/**
 * Checks a webhook URL when it is saved, with the same rules deliveries apply when they send:
 * https in production, and a host whose every address is public unicast (names are resolved).
 * `WEBHOOK_ALLOW_PRIVATE=true` (development only) lets local receivers through.
 */
export async function assertWebhookUrl(raw: string, rules: TargetRules, resolve: HostResolver): Promise<string> {
  try {
    return await checkWebhookUrl(raw, rules, resolve);
  } catch (error) {
    if (error instanceof WebhookTargetError) throw ApiError.invalid(error.code, error.message, 'url');
    throw error;
  }
}
