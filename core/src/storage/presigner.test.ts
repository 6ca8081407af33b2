import { PutObjectCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { PathStylePresigner } from './presigner';

const endpoints = ['http://127.0.0.1:9000', 'https://storage.example.com', 'https://example.com/s3/'];
const keys = ['acc_1/vid_2/source', "odd names/ü ç+%&=?#!'()*~.mp4", 'a//b'];
const signingDate = new Date('2026-12-02T07:00:00Z');

function client(endpoint: string) {
  return new S3Client({
    region: 'eu-west-3',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

describe('PathStylePresigner', () => {
  it.each(endpoints)('signs a PUT exactly as getSignedUrl does (%s)', async (endpoint) => {
    const s3 = client(endpoint);
    const ours = new PathStylePresigner(s3, endpoint, 'media');
    for (const key of keys) {
      const options = { expiresIn: 900, signableHeaders: new Set(['content-length', 'content-type']), signingDate };
      const sdk = await getSignedUrl(
        s3,
        new PutObjectCommand({ Bucket: 'media', Key: key, ContentLength: 1234, ContentType: 'video/mp4' }),
        options,
      );
      const url = await ours.presign(
        'PUT',
        key,
        { 'x-id': 'PutObject' },
        { 'content-length': '1234', 'content-type': 'video/mp4' },
        options,
      );
      expect(url).toBe(sdk);
    }
  });

  it.each(endpoints)('signs an UploadPart exactly as getSignedUrl does (%s)', async (endpoint) => {
    const s3 = client(endpoint);
    const ours = new PathStylePresigner(s3, endpoint, 'media');
    const options = { expiresIn: 3600, signableHeaders: new Set(['content-length']), signingDate };
    const sdk = await getSignedUrl(
      s3,
      new UploadPartCommand({
        Bucket: 'media',
        Key: keys[1],
        UploadId: 'up/load+id=',
        PartNumber: 7,
        ContentLength: 99,
      }),
      options,
    );
    const url = await ours.presign(
      'PUT',
      keys[1],
      { partNumber: '7', uploadId: 'up/load+id=', 'x-id': 'UploadPart' },
      { 'content-length': '99' },
      options,
    );
    expect(url).toBe(sdk);
  });
});
