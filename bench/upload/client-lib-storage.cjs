// One upload with @aws-sdk/lib-storage's Upload straight to the same store, in its own process.
const { createReadStream } = require('node:fs');
const { S3Client } = require('@aws-sdk/client-s3');
const { Upload } = require('@aws-sdk/lib-storage');

const [endpoint, bucket, key, path, concurrency, partSize] = process.argv.slice(2);
const client = new S3Client({
  endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
const started = process.hrtime.bigint();
new Upload({
  client,
  params: { Bucket: bucket, Key: key, Body: createReadStream(path), ContentType: 'video/mp4' },
  queueSize: Number(concurrency),
  partSize: Number(partSize),
})
  .done()
  .then(() => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(JSON.stringify({ ms, maxRssKiB: process.resourceUsage().maxRSS }));
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
