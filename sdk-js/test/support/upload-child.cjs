// A CLI-like uploader process for the kill-and-resume test: it uses the built package exactly as
// a customer's Node script would, and reports parts and states as JSON lines on stdout.
const { StreamForge } = require('../../dist/node/index.js');

const [baseUrl, apiKey, path, concurrency] = process.argv.slice(2);
const sf = new StreamForge(apiKey, { baseUrl });
const handle = sf.upload(path, { concurrency: Number(concurrency), retryBaseMs: 10, retryCapMs: 200 });
const say = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
handle.on('part', (p) => say({ part: p.partNumber }));
handle.on('state', (s) => say({ state: s.status, uploadId: handle.uploadId }));
handle.then(
  (result) => say({ done: true, uploadId: result.uploadId, videoId: result.videoId }),
  (error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
