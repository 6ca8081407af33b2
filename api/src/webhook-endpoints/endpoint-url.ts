import { BlockList, isIP } from 'node:net';
import { ApiError } from '../common/api-error';

/** Addresses a webhook must never target in production (RFC 1918, loopback, link-local, CGNAT, …). */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['::ffff:0:0', 96],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

/**
 * Checks a webhook URL when it is saved. Production takes only https URLs to public hosts; local
 * development may use http and localhost. (Resolving the name and pinning a public address at send
 * time is the delivery's job.)
 */
export function assertWebhookUrl(raw: string, production: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw ApiError.invalid('url_invalid', 'url must be an absolute http(s) URL.', 'url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw ApiError.invalid('url_invalid', 'url must use https (or http in development).', 'url');
  }
  if (url.username || url.password) {
    throw ApiError.invalid('url_invalid', 'url must not carry credentials; authenticate with the signature.', 'url');
  }
  if (!production) return url.toString();
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const family = isIP(host);
  const isPrivate = family ? PRIVATE.check(host, family === 6 ? 'ipv6' : 'ipv4') : /(^|\.)localhost$/i.test(host);
  if (url.protocol !== 'https:' || isPrivate) {
    throw ApiError.invalid('url_invalid', 'In live use, url must be https and point at a public host.', 'url');
  }
  return url.toString();
}
