import { ObjectStorage } from './object-storage';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/**
 * The presigned upload URLs of both ways ObjectStorage signs: through `getSignedUrl` for AWS itself
 * (no endpoint configured: virtual-hosted bucket), through `PathStylePresigner` for a store at an
 * endpoint (bucket in the path). Nothing is sent; the URLs are read.
 */
describe('ObjectStorage presigned upload URLs', () => {
  const aws = new ObjectStorage({ region: 'eu-west-3', bucket: 'media', credentials });
  const minio = new ObjectStorage({
    region: 'us-east-1',
    bucket: 'media',
    endpoint: 'http://minio:9000',
    publicEndpoint: 'https://media.example.com',
    credentials,
  });

  it.each([
    ['AWS', aws, 'https://media.s3.eu-west-3.amazonaws.com/acct_1/vid_2/source?'],
    ['an endpoint', minio, 'https://media.example.com/media/acct_1/vid_2/source?'],
  ])('a PUT bound to its length and type (%s)', async (_, storage, prefix) => {
    const url = new URL(
      await storage.presignPut('acct_1/vid_2/source', {
        contentLength: 1234,
        contentType: 'video/mp4',
        expiresIn: 900,
      }),
    );
    expect(url.href.startsWith(prefix)).toBe(true);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('x-id')).toBe('PutObject');
    // No checksum of an empty body: S3-compatible stores would refuse the upload.
    expect([...url.searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);
  });

  it.each([
    ['AWS', aws, 'https://media.s3.eu-west-3.amazonaws.com/acct_1/vid_2/source?'],
    ['an endpoint', minio, 'https://media.example.com/media/acct_1/vid_2/source?'],
  ])('a part bound to its length (%s)', async (_, storage, prefix) => {
    const url = new URL(await storage.presignPart('acct_1/vid_2/source', 'up-1', 3, 5_000_000, 3600));
    expect(url.href.startsWith(prefix)).toBe(true);
    expect(url.searchParams.get('partNumber')).toBe('3');
    expect(url.searchParams.get('uploadId')).toBe('up-1');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;host');
    expect([...url.searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);
  });
});
