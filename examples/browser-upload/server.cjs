// The browser upload example: a page, plus the few lines of "your backend" it needs.
//
//   STREAMFORGE_API_KEY=sf_test_… STREAMFORGE_BASE_URL=http://127.0.0.1:3000 node examples/browser-upload/server.cjs
//   open http://127.0.0.1:8080
//
// The backend holds the secret key and creates uploads; the browser gets only each upload's
// client_secret, and calls the StreamForge API directly with it (the API answers browsers with CORS
// headers; CORS_ORIGINS narrows the allowed origins). The file's bytes go straight to storage.
const http = require('node:http');
const { createReadStream, existsSync } = require('node:fs');
const { dirname, join, normalize } = require('node:path');

const SDK_DIST = join(__dirname, '../../sdk-js/dist/browser');
const IDB_BUILD = join(dirname(require.resolve('idb/package.json')), 'build');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.map': 'application/json',
};

function startExampleSite({ apiBaseUrl, apiKey, port = 8080, host = '127.0.0.1' }) {
  const api = new URL(apiBaseUrl);
  const stats = { uploadsCreated: 0 };

  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url, 'http://site');
    try {
      if (request.method === 'POST' && url.pathname === '/create-upload') return await createUpload(request, response);
      if (url.pathname === '/config.json') return sendJson(response, { api_base_url: api.origin });
      if (url.pathname === '/' || url.pathname === '/index.html')
        return sendFile(response, join(__dirname, 'index.html'));
      if (url.pathname.startsWith('/sdk/'))
        return sendFile(response, inside(SDK_DIST, url.pathname.slice('/sdk/'.length)));
      if (url.pathname.startsWith('/vendor/idb/'))
        return sendFile(response, inside(IDB_BUILD, url.pathname.slice('/vendor/idb/'.length)));
      response.writeHead(404).end('not found');
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error.message));
    }
  });

  // Your backend decides what may be uploaded (size limits, who the user is) and creates the upload.
  async function createUpload(request, response) {
    let body = '';
    for await (const chunk of request) body += chunk;
    const { filename, size, content_type } = JSON.parse(body);
    const created = await fetch(new URL('/v1/uploads', api), {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filename, size, content_type, title: filename }),
    });
    const upload = await created.json();
    if (!created.ok)
      return void response
        .writeHead(created.status, { 'content-type': 'application/json' })
        .end(JSON.stringify(upload));
    stats.uploadsCreated += 1;
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id: upload.id, client_secret: upload.client_secret }));
  }

  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const { port: bound } = server.address();
      resolve({
        url: `http://${host}:${bound}`,
        stats,
        close: () => new Promise((done) => (server.closeAllConnections(), server.close(() => done()))),
      });
    });
  });
}

function inside(root, relative) {
  const path = normalize(join(root, relative));
  if (!path.startsWith(root)) throw new Error('outside the served folder');
  return path;
}

function sendJson(response, body) {
  response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function sendFile(response, path) {
  if (!existsSync(path)) return void response.writeHead(404).end('not found');
  const type = TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  createReadStream(path).pipe(response);
}

module.exports = { startExampleSite };

if (require.main === module) {
  const apiKey = process.env.STREAMFORGE_API_KEY;
  if (!apiKey) {
    console.error('Set STREAMFORGE_API_KEY (npm run dev prints one).');
    process.exit(1);
  }
  if (!existsSync(join(SDK_DIST, 'index.mjs'))) {
    console.error('Build the SDK first: npm run -s sdk:build');
    process.exit(1);
  }
  startExampleSite({
    apiBaseUrl: process.env.STREAMFORGE_BASE_URL ?? 'http://127.0.0.1:3000',
    apiKey,
    port: Number(process.env.PORT ?? 8080),
  }).then((site) => console.log(`Browser upload example on ${site.url}`));
}
