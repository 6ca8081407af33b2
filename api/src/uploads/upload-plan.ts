const MiB = 1024 * 1024;
/** S3's rules for multipart uploads. */
export const S3_LIMITS = { minPartSize: 5 * MiB, maxPartSize: 5 * 1024 * MiB, maxParts: 10_000 };

export type UploadPlan =
  { mode: 'single'; partSize: null; partCount: 1 } | { mode: 'multipart'; partSize: number; partCount: number };

/**
 * Decides once, at creation, how a file travels. The part size is fixed for the life of the upload
 * (R2 requires every non-last part to be the same size), growing past the preferred size only as
 * far as the 10,000-part limit demands.
 */
export function planUpload(size: number, opts: { multipartThreshold: number; partSize: number }): UploadPlan {
  if (size <= opts.multipartThreshold) return { mode: 'single', partSize: null, partCount: 1 };
  const needed = Math.ceil(size / S3_LIMITS.maxParts);
  const partSize = Math.max(opts.partSize, S3_LIMITS.minPartSize, Math.ceil(needed / MiB) * MiB);
  if (partSize > S3_LIMITS.maxPartSize) throw new RangeError('file is larger than S3 multipart allows');
  return { mode: 'multipart', partSize, partCount: Math.ceil(size / partSize) };
}

/** The byte length of part `n` (1-based): every part is `partSize` except possibly the last. */
export function partLength(size: number, plan: UploadPlan, partNumber: number): number {
  if (plan.mode === 'single') return size;
  return partNumber < plan.partCount ? plan.partSize : size - plan.partSize * (plan.partCount - 1);
}

export const MAX_UPLOAD_SIZE = S3_LIMITS.maxPartSize * S3_LIMITS.maxParts;
