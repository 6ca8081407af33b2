/**
 * Secrets that must never reach a log line, whatever printed them: API keys, upload client
 * secrets, webhook secrets and the signature part of presigned URLs.
 */
const PATTERNS: [RegExp, string][] = [
  [/\bsf_(test|live)_[0-9A-Za-z]{4,}/g, 'sf_$1_[redacted]'],
  [/\b(upl_[0-9A-Za-z]+)_secret_[0-9A-Za-z]+/g, '$1_secret_[redacted]'],
  [/\bwhsec_[0-9A-Za-z+/=]+/g, 'whsec_[redacted]'],
  [/(X-Amz-Signature=)[0-9a-fA-F]+/g, '$1[redacted]'],
  [/(X-Amz-Credential=)[^&\s"]+/g, '$1[redacted]'],
  [/(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/g, '$1[redacted]@'],
  [/(redis(?:s)?:\/\/[^:/@\s]*:)[^@\s]+@/g, '$1[redacted]@'],
];

export function scrub(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
