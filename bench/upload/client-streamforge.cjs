// One upload with the StreamForge Node uploader, in its own process so its peak RSS is its own.
const { StreamForge } = require('../../sdk-js/dist/node/index.js');

const [baseUrl, apiKey, path, concurrency] = process.argv.slice(2);
const started = process.hrtime.bigint();
new StreamForge(apiKey, { baseUrl })
  .upload(path, { concurrency: Number(concurrency), resume: false })
  .then((result) => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(JSON.stringify({ ms, maxRssKiB: process.resourceUsage().maxRSS, videoId: result.videoId }));
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
