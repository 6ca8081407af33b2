import { XMLParser } from 'fast-xml-parser';
import { S3Error } from './s3-error';

/** S3's smallest allowed part, except the last. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

interface StoredPart {
  etag: string;
  size: number;
}

interface OpenUpload {
  bucket: string;
  key: string;
  parts: Map<number, StoredPart>;
}

export interface CompletedPart {
  partNumber: number;
  etag: string;
}

const unquote = (etag: string) => etag.replace(/"/g, '');

const noSuchUpload = () =>
  new S3Error(
    404,
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  );

/**
 * What the store handed out for each open multipart upload (the ETag and size of every part), so a
 * completion can be held to S3's rules: only ETags that were returned for those part numbers, in
 * order, and non-last parts no smaller than S3's minimum and all of one size (as R2 demands).
 */
export class MultipartLedger {
  private readonly uploads = new Map<string, OpenUpload>();

  constructor(private readonly minPartSize = MIN_PART_SIZE) {}

  open(uploadId: string, bucket: string, key: string) {
    this.uploads.set(uploadId, { bucket, key, parts: new Map() });
  }

  /** Throws NoSuchUpload unless `uploadId` is open for that object. */
  expect(uploadId: string, bucket: string, key: string): OpenUpload {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.bucket !== bucket || upload.key !== key) throw noSuchUpload();
    return upload;
  }

  recordPart(uploadId: string, partNumber: number, etag: string, size: number) {
    this.uploads.get(uploadId)?.parts.set(partNumber, { etag: unquote(etag), size });
  }

  parts(uploadId: string, bucket: string, key: string): { partNumber: number; etag: string; size: number }[] {
    const upload = this.expect(uploadId, bucket, key);
    return [...upload.parts.entries()]
      .sort(([a], [b]) => a - b)
      .map(([partNumber, p]) => ({ partNumber, etag: `"${p.etag}"`, size: p.size }));
  }

  close(uploadId: string) {
    this.uploads.delete(uploadId);
  }

  /** The checks S3 makes on CompleteMultipartUpload, before anything is assembled. */
  checkCompletion(uploadId: string, bucket: string, key: string, requested: CompletedPart[]) {
    const upload = this.expect(uploadId, bucket, key);
    if (requested.length === 0) {
      throw new S3Error(
        400,
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema.',
      );
    }
    const sizes: number[] = [];
    for (const [i, part] of requested.entries()) {
      if (i > 0 && part.partNumber <= requested[i - 1].partNumber) {
        throw new S3Error(
          400,
          'InvalidPartOrder',
          'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
        );
      }
      const stored = upload.parts.get(part.partNumber);
      if (!stored || stored.etag !== unquote(part.etag)) {
        throw new S3Error(
          400,
          'InvalidPart',
          "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        );
      }
      sizes.push(stored.size);
    }
    const nonLast = sizes.slice(0, -1);
    if (nonLast.some((size) => size < this.minPartSize)) {
      throw new S3Error(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.');
    }
    if (nonLast.some((size) => size !== nonLast[0])) {
      throw new S3Error(400, 'InvalidPart', 'All non-trailing parts must have the same length.');
    }
  }
}

const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'Part' });

export function parseCompletion(xml: string): CompletedPart[] {
  let document: { CompleteMultipartUpload?: { Part?: { PartNumber?: string; ETag?: string }[] } };
  try {
    document = parser.parse(xml);
  } catch {
    document = {};
  }
  const parts = document.CompleteMultipartUpload?.Part ?? [];
  const parsed = parts.map((p) => ({ partNumber: Number(p.PartNumber), etag: String(p.ETag ?? '') }));
  if (parsed.some((p) => !Number.isInteger(p.partNumber) || p.partNumber < 1 || p.partNumber > 10_000)) {
    throw new S3Error(
      400,
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema.',
    );
  }
  return parsed;
}
