const MiB = 1024 * 1024;

/** S3's multipart rules (R2 adds: every non-last part the same size). */
export const S3_LIMITS = { minPartSize: 5 * MiB, maxPartSize: 5 * 1024 * MiB, maxParts: 10_000 } as const;

export interface PartRange {
  /** 1-based, as S3 numbers parts. */
  number: number;
  start: number;
  /** Exclusive. */
  end: number;
  size: number;
}

/**
 * The smallest part size ≥ `preferred` (rounded up to whole MiB) that fits the file in 10,000 parts.
 * The server decides the part size at creation; the SDK uses this only to check it and in tests.
 */
export function choosePartSize(fileSize: number, preferred = 8 * MiB): number {
  const needed = Math.ceil(fileSize / S3_LIMITS.maxParts);
  const size = Math.max(preferred, S3_LIMITS.minPartSize, Math.ceil(needed / MiB) * MiB);
  if (size > S3_LIMITS.maxPartSize) throw new RangeError(`A ${fileSize}-byte file is larger than S3 multipart allows.`);
  return size;
}

/**
 * Splits a file into the byte ranges the server's plan implies: one range for a single PUT, else
 * `partSize` bytes per part with a shorter last part. Refuses plans S3 would refuse.
 */
export function planParts(fileSize: number, partSize: number | null): PartRange[] {
  if (!Number.isSafeInteger(fileSize) || fileSize < 1) throw new RangeError(`Invalid file size ${fileSize}.`);
  if (partSize === null) return [{ number: 1, start: 0, end: fileSize, size: fileSize }];
  if (partSize < S3_LIMITS.minPartSize || partSize > S3_LIMITS.maxPartSize) {
    throw new RangeError(`Part size ${partSize} is outside S3's bounds.`);
  }
  const count = Math.ceil(fileSize / partSize);
  if (count > S3_LIMITS.maxParts) throw new RangeError(`${count} parts exceed S3's limit of ${S3_LIMITS.maxParts}.`);
  const parts: PartRange[] = [];
  for (let i = 0; i < count; i++) {
    const start = i * partSize;
    const end = Math.min(fileSize, start + partSize);
    parts.push({ number: i + 1, start, end, size: end - start });
  }
  return parts;
}
