/**
 * Pulls the credential from `Authorization: Bearer <key>` or HTTP Basic with the key as username.
 * Anything else — a missing value, extra tokens after it — is null: never guess which token was meant.
 */
export function credentialFrom(header: string | undefined): string | null {
  if (!header) return null;
  const tokens = header.trim().split(/\s+/);
  if (tokens.length !== 2) return null;
  const [scheme, value] = tokens;
  if (/^bearer$/i.test(scheme)) return value;
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const user = decoded.split(':', 1)[0];
    return user || null;
  }
  return null;
}

const CLIENT_SECRET = /^(upl_[0-9A-Za-z]{24})_secret_[0-9A-Za-z]{32}$/;

/** The upload id a client secret belongs to, or null when the value is not shaped like one. */
export function uploadIdOfClientSecret(value: string): string | null {
  return CLIENT_SECRET.exec(value)?.[1] ?? null;
}
