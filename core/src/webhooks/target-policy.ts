import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** Resolves a host name to every address it has (A and AAAA). A port so tests can script DNS. */
export type HostResolver = (host: string) => Promise<string[]>;

export const systemResolver: HostResolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Where webhooks may go: production is strict; a development switch allows loopback and private hosts. */
export interface TargetRules {
  /** `WEBHOOK_ALLOW_PRIVATE=true`: any address, http too (local receivers under `npm run dev`). */
  allowPrivate: boolean;
  /** Production: https only. */
  requireHttps: boolean;
}

export class WebhookTargetError extends Error {
  constructor(
    readonly code: 'url_invalid' | 'url_not_public' | 'url_unresolvable',
    message: string,
  ) {
    super(message);
    this.name = 'WebhookTargetError';
  }
}

/** IPv6 prefixes that carry an IPv4 address inside; the embedded address decides. */
const EMBEDDING_RANGES = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052', '6to4']);

/**
 * Why an address is not a public unicast one, or null when it is. Only unicast addresses in the
 * global ranges pass; forms that embed an IPv4 address (mapped, NAT64, 6to4) are judged by it.
 */
export function nonPublicReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    const range = v6.range();
    if (EMBEDDING_RANGES.has(range)) {
      const embedded = embeddedIPv4(v6, range);
      if (!embedded) return `${range} address`;
      const inner = nonPublicReason(embedded.toString());
      return inner ? `${range} form of a ${inner}` : null;
    }
    if (range !== 'unicast') return `${range} address`;
    // Global unicast is 2000::/3; everything else (e.g. ::a.b.c.d, 4000::) is unassigned or reserved.
    if (!v6.match(ipaddr.IPv6.parse('2000::'), 3)) return 'reserved address';
    return null;
  }
  const range = parsed.range();
  return range === 'unicast' ? null : `${range} address`;
}

function embeddedIPv4(v6: ipaddr.IPv6, range: string): ipaddr.IPv4 | null {
  const bytes = v6.toByteArray();
  if (range === '6to4') return new ipaddr.IPv4(bytes.slice(2, 6));
  if (range === 'rfc6052') {
    // Only the well-known /96 prefix puts the IPv4 address in the last 32 bits; the local-use /48 is refused.
    if (!v6.match(ipaddr.IPv6.parse('64:ff9b::'), 96)) return null;
  }
  return new ipaddr.IPv4(bytes.slice(12, 16));
}

/** Names that always mean this machine, with or without the trailing dot. */
function isLocalName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.+$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || name === '';
}

/** The URL's host as a bare address or name (brackets removed). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/**
 * Checks a webhook URL's form: http(s), no credentials, https in production. WHATWG URL parsing
 * already turns numeric tricks (`2130706433`, `0x7f000001`, `0177.0.0.1`) into dotted quads.
 */
export function parseWebhookUrl(raw: string, rules: TargetRules): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError('url_invalid', 'url must be an absolute http(s) URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new WebhookTargetError('url_invalid', 'url must use https (or http in development).');
  }
  if (url.username || url.password) {
    throw new WebhookTargetError('url_invalid', 'url must not carry credentials; authenticate with the signature.');
  }
  if (rules.requireHttps && !rules.allowPrivate && url.protocol !== 'https:') {
    throw new WebhookTargetError('url_invalid', 'url must use https.');
  }
  return url;
}

/**
 * Resolves the URL's host and checks every answer; returns the addresses to connect to. An IP
 * literal is checked as is. With `allowPrivate` nothing is refused (development only).
 */
export async function resolveTarget(url: URL, rules: TargetRules, resolve: HostResolver): Promise<string[]> {
  const host = hostOf(url);
  if (ipaddr.isValid(host) && (host.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(host))) {
    const reason = rules.allowPrivate ? null : nonPublicReason(host);
    if (reason)
      throw new WebhookTargetError('url_not_public', `url must point at a public host (${host} is a ${reason}).`);
    return [host];
  }
  if (!rules.allowPrivate && isLocalName(host)) {
    throw new WebhookTargetError('url_not_public', `url must point at a public host (${host} is this machine).`);
  }
  let addresses: string[];
  try {
    addresses = await resolve(host.replace(/\.$/, ''));
  } catch {
    throw new WebhookTargetError('url_unresolvable', `url's host ${host} does not resolve.`);
  }
  if (!addresses.length) throw new WebhookTargetError('url_unresolvable', `url's host ${host} has no address.`);
  if (!rules.allowPrivate) {
    for (const address of addresses) {
      const reason = nonPublicReason(address);
      if (reason) {
        throw new WebhookTargetError(
          'url_not_public',
          `url must point at a public host (${host} resolves to a ${reason}).`,
        );
      }
    }
  }
  return addresses;
}

/** Save-time check: the form, then the host's addresses. Returns the normalised URL. */
export async function checkWebhookUrl(raw: string, rules: TargetRules, resolve: HostResolver): Promise<string> {
  const url = parseWebhookUrl(raw, rules);
  await resolveTarget(url, rules, resolve);
  return url.toString();
}
