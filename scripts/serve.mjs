// serve.mjs — a small static file server for the site: node scripts/serve.mjs <folder> [port]
// Serves only files inside <folder>, with the MIME types browsers need for ES modules and
// WebAssembly (application/wasm enables streaming compilation), on localhost only.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const root = resolve(process.argv[2] ?? 'web');
const port = Number(process.argv[3] ?? process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

async function fileFor(urlPath) {
  let path;
  try {
    path = normalize(join(root, decodeURIComponent(urlPath)));
  } catch {
    return null;
  }
  if (path !== root && !path.startsWith(root + sep)) return null;
  let info = await stat(path).catch(() => null);
  if (info?.isDirectory()) {
    path = join(path, 'index.html');
    info = await stat(path).catch(() => null);
  }
  return info?.isFile() ? { path, size: info.size } : null;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const file = req.method === 'GET' || req.method === 'HEAD' ? await fileFor(url.pathname) : null;
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`not found: ${url.pathname}\n`);
    return;
  }
  res.writeHead(200, {
    'content-type': types[extname(file.path)] ?? 'application/octet-stream',
    'content-length': file.size,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file.path).pipe(res);
});

server.on('error', (err) => {
  console.error(err.code === 'EADDRINUSE'
    ? `port ${port} is already in use; free it or run with PORT=<another port>`
    : `server error: ${err.message}`);
  process.exit(1);
});

server.listen(port, host, () => {
  console.log(`attention-steps: serving ${root} at http://localhost:${server.address().port}/`);
});
