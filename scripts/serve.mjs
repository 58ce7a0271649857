// serve.mjs — the site's static file server: node scripts/serve.mjs <folder> [port]
// Files are served by serve-static (expressjs; its engine `send` does ranges, ETag/Last-Modified
// and If-None-Match/If-Modified-Since/If-Range, dotfile refusal, and closes the file when a
// download is aborted). This file adds what the site needs around it: only regular files reached
// without a symlink, the precompressed .br/.gz sibling that `npm run build` wrote when the client
// accepts it, the MIME types browsers need for ES modules and WebAssembly, the Content-Security-
// Policy, cross-origin isolation (COOP/COEP/CORP, unless --no-isolation), 405 for methods other than
// GET and HEAD, and errors answered per request (never a crash).
// Listens on 127.0.0.1 unless HOST says otherwise.
import { createServer } from 'node:http';
import { lstat, realpath } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import serveStatic from 'serve-static';

/**
 * The policy of the page, the Performance page, its worker and the service worker; the same text
 * is in a <meta http-equiv> tag of web/index.html and web/perf.html (tests/node/serve.test.mjs
 * checks), so a static host without this server applies it too. Only the site's own scripts run
 * ('self', no inline script, no eval); 'wasm-unsafe-eval' lets them compile WebAssembly. Style
 * attributes are allowed (style-src-attr 'unsafe-inline'): KaTeX positions glyphs with inline
 * style="height:…" attributes; an attribute cannot run script, and style elements and sheets stay
 * limited to the site's own files. Only directives that a <meta> tag honours are used.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Cross-origin isolation: with these on the page, `crossOriginIsolated` is true, so
 * SharedArrayBuffer exists (the core's threaded builds need it) and performance.now() is
 * fine-grained. COOP same-origin puts the page in its own browsing-context group; COEP
 * require-corp lets it load only same-origin files and files that opt in with CORP; CORP
 * same-origin on every file says that only this site may embed it. Everything the site loads is
 * its own (KaTeX and its fonts, the wasm builds, the workers, onnxruntime-web and its wasm) or a
 * data: URL (the favicon), which COEP does not restrict. `--no-isolation` (or
 * CROSS_ORIGIN_ISOLATION=off) leaves them out, as a static host that cannot send headers would:
 * then web/sw.js adds them to the answers it hands the page.
 */
export const ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};

/** The names of the headers sent on every answer, errors included. */
const EVERY_ANSWER = new Set(['content-security-policy', ...Object.keys(ISOLATION_HEADERS)]);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',   // the bundle's source maps (developer tools)
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Precompressed siblings, best first: Accept-Encoding token → file suffix. */
const ENCODINGS = [['br', '.br'], ['gzip', '.gz']];

function acceptedEncodings(header = '') {
  const accepted = new Set();
  for (const part of String(header).split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (token && !(q && Number(q.slice(2)) === 0)) accepted.add(token);
  }
  return accepted;
}

/** lstat, or null when the path does not exist (any other error is thrown). */
async function lstatOrNull(path) {
  try {
    return await lstat(path);
  } catch (err) {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'ENAMETOOLONG') return null;
    throw err;
  }
}

/**
 * The file a URL path names: { file, relative, encoding } for a regular file under root reached
 * through no symlink, { directory: true } for a directory without its trailing slash, or null.
 * `relative` is the path to hand to serve-static (the .br/.gz sibling when one is sent).
 */
async function locate(root, pathname, acceptEncoding) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || s.startsWith('.') || s.includes('\\'))) return null;
  let path = join(root, ...segments);
  let info = await lstatOrNull(path);
  if (info?.isDirectory()) {
    if (!pathname.endsWith('/')) return { directory: true };
    segments.push('index.html');
    path = join(path, 'index.html');
    info = await lstatOrNull(path);
  }
  if (!info?.isFile()) return null;   // missing, a symlink, a FIFO, a socket or a device
  // No folder on the way may be a symlink either: the real path must be the path itself.
  if (await realpath(path) !== path) return null;
  const relative = `/${segments.map(encodeURIComponent).join('/')}`;
  const accepted = acceptedEncodings(acceptEncoding);
  for (const [encoding, suffix] of ENCODINGS) {
    if (!accepted.has(encoding)) continue;
    const sibling = await lstatOrNull(path + suffix);
    // A sibling older than its file is stale (the file was edited after the build): skip it.
    if (sibling?.isFile() && sibling.mtimeMs >= info.mtimeMs) {
      return { file: path, relative: relative + encodeURIComponent(suffix), encoding };
    }
  }
  return { file: path, relative, encoding: null };
}

function sendText(res, status, text, headers = {}) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // The headers of every answer (set first by the handler) stay; serve-static's go.
  for (const name of res.getHeaderNames()) if (!EVERY_ANSWER.has(name)) res.removeHeader(name);
  const body = `${text}\n`;
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

const TEMPORARY = new Set(['EMFILE', 'ENFILE', 'EAGAIN', 'ENOMEM']);

/** Answers a failed request; the process goes on serving. */
function sendError(res, pathname, err) {
  const status = TEMPORARY.has(err?.code) ? 503 : err?.status ?? err?.statusCode ?? 500;
  if (status >= 500) console.error(`serve: ${pathname}: ${err?.code ?? ''} ${err?.message ?? err}`);
  const reason = status === 503 ? `cannot open ${pathname} now (${err.code}); try again`
    : status >= 500 ? `cannot read ${pathname}${err?.code ? ` (${err.code})` : ''}`
      : status === 404 ? `not found: ${pathname}` : `bad request: ${pathname}`;
  sendText(res, status, reason, status === 503 ? { 'retry-after': '1' } : {});
}

/**
 * The request handler for the site in `folder` (an absolute, symlink-free path); `isolation`:
 * whether every answer carries ISOLATION_HEADERS.
 */
export function siteHandler(folder, { isolation = true } = {}) {
  const files = serveStatic(folder, { fallthrough: false, index: false, dotfiles: 'deny', redirect: true });
  const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, ...(isolation ? ISOLATION_HEADERS : {}) };
  return async function handle(req, res) {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, `${req.method} is not allowed; this server answers GET and HEAD`, { allow: 'GET, HEAD' });
      return;
    }
    // Origin-form ("/path") or absolute-form ("http://host/path"); anything else is refused.
    let url;
    try {
      url = new URL(req.url, 'http://localhost');
    } catch {
      url = null;
    }
    if (!url || !(req.url.startsWith('/') || /^https?:\/\/[^/]/i.test(req.url))) {
      sendText(res, 400, 'bad request target; expected a path such as /index.html');
      return;
    }
    const { pathname } = url;
    let found;
    try {
      found = await locate(folder, pathname, req.headers['accept-encoding']);
    } catch (err) {
      sendError(res, pathname, err);
      return;
    }
    if (!found) {
      sendText(res, 404, `not found: ${pathname}`);
      return;
    }
    if (found.file) {
      res.setHeader('content-type', TYPES[extname(found.file)] ?? 'application/octet-stream');
      if (found.encoding) res.setHeader('content-encoding', found.encoding);
      res.setHeader('vary', 'Accept-Encoding');
      res.setHeader('cache-control', 'no-cache');
      res.setHeader('x-content-type-options', 'nosniff');
      req.url = found.relative + url.search;
    } else {
      req.url = pathname + url.search;   // a directory: serve-static redirects to its trailing slash
    }
    files(req, res, (err) => sendError(res, pathname, err));
  };
}

async function main() {
  const flags = process.argv.slice(2).filter((arg) => arg.startsWith('--'));
  const [folderArg, portArg] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  for (const flag of flags) {
    if (flag !== '--no-isolation') {
      console.error(`unknown option ${flag}; usage: node scripts/serve.mjs [--no-isolation] <folder> [port]`);
      process.exit(2);
    }
  }
  const isolationEnv = process.env.CROSS_ORIGIN_ISOLATION;
  if (isolationEnv !== undefined && !['on', 'off'].includes(isolationEnv)) {
    console.error(`CROSS_ORIGIN_ISOLATION=${isolationEnv}: expected on or off`);
    process.exit(2);
  }
  const isolation = !flags.includes('--no-isolation') && isolationEnv !== 'off';
  const folder = await realpath(resolve(folderArg ?? 'web'));
  const port = Number(portArg ?? process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const handle = siteHandler(folder, { isolation });
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => sendError(res, req.url, err));
  });
  server.on('error', (err) => {
    console.error(err.code === 'EADDRINUSE'
      ? `port ${port} is already in use; free it or run with PORT=<another port>`
      : `server error: ${err.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    console.log(`attention-steps: serving ${folder} at http://localhost:${server.address().port}/` +
      (isolation ? '' : ' (without the cross-origin isolation headers)'));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
