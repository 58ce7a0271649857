// scripts/serve.mjs (what `npm start` runs): the types browsers need, nothing outside the folder,
// no symlink followed, no request that ends the process, no file descriptor kept by an aborted
// download, HTTP caching and ranges, precompressed siblings, 405, the Content-Security-Policy, and
// the cross-origin isolation headers (COOP/COEP/CORP) on every answer unless --no-isolation.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync, gunzipSync } from 'node:zlib';
import { repoRoot } from './helpers.mjs';
import { CONTENT_SECURITY_POLICY } from '../../scripts/serve.mjs';

const web = `${repoRoot}web`;
const servers = [];
const folders = [];

/**
 * Starts serve.mjs on `folder` (port 0); `shell` wraps the command (e.g. a ulimit); `uid` drops
 * privileges; `options` go before the folder (e.g. --no-isolation); `env` is added to the environment.
 */
async function startServer(folder, { shell = null, uid, options = [], env = {} } = {}) {
  const argv = [process.execPath, `${repoRoot}scripts/serve.mjs`, ...options, folder, '0'];
  const spawnOptions = { stdio: ['ignore', 'pipe', 'pipe'], uid, env: { ...process.env, ...env } };
  const child = shell
    ? spawn('sh', ['-c', `${shell}; exec "$@"`, 'sh', ...argv], spawnOptions)
    : spawn(argv[0], argv.slice(1), spawnOptions);
  servers.push(child);
  child.stderrText = '';
  child.stderr.on('data', (chunk) => { child.stderrText += chunk; });
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const port = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      const match = /http:\/\/localhost:(\d+)\//.exec(String(chunk));
      if (match) resolve(Number(match[1]));
    });
    child.exited.then((code) => reject(new Error(`server exited with ${code}: ${child.stderrText}`)));
  });
  return { child, port, base: `http://127.0.0.1:${port}` };
}

function tempSite() {
  const folder = mkdtempSync(join(tmpdir(), 'attn-serve-'));
  folders.push(folder);
  chmodSync(folder, 0o755);
  return folder;
}

/** Sends `text` as raw bytes and resolves with the response head (or '' if the connection closed). */
function rawRequest(port, text, { abortAfterFirstChunk = false } = {}) {
  return new Promise((resolve) => {
    let received = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (abortAfterFirstChunk) { socket.destroy(); resolve(received); }
    });
    socket.on('end', () => resolve(received));
    socket.on('close', () => resolve(received));
    socket.on('error', () => resolve(received));
  });
}

/** A raw request's answer as { status, headers: Map-like, arrayBuffer() } (headers lower-cased). */
async function rawResponse(base, text) {
  const all = await rawRequest(Number(new URL(base).port), text);
  const [statusLine, ...lines] = all.slice(0, all.indexOf('\r\n\r\n')).split('\r\n');
  const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers: { get: (name) => headers.get(name) ?? null }, arrayBuffer: async () => null };
}

const openFds = (pid) => readdirSync(`/proc/${pid}/fd`).length;
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

async function assertAlive(server, what) {
  const response = await fetch(`${server.base}/`).catch((err) => err);
  assert.ok(!(response instanceof Error), `${what}: the server no longer answers (${response.message ?? ''}) ${server.child.stderrText}`);
  assert.equal(response.status, 200, what);
  await response.text();
}

let site;
before(async () => { site = await startServer(web); });
after(() => {
  for (const child of servers) child.kill();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('static server', () => {
  it('serves the page, the module and both wasm builds with the right types', async () => {
    const expectations = {
      '/': 'text/html; charset=utf-8',
      '/js/core/attention.js': 'text/javascript; charset=utf-8',
      '/js/bundle/start.js': 'text/javascript; charset=utf-8',
      '/js/bundle/start.js.map': 'application/json; charset=utf-8',
      '/wasm/attention-simd.js': 'text/javascript; charset=utf-8',
      '/wasm/attention-simd.wasm': 'application/wasm',
      '/wasm/attention-scalar.wasm': 'application/wasm',
    };
    for (const [path, type] of Object.entries(expectations)) {
      const response = await fetch(site.base + path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-type'), type, path);
      await response.arrayBuffer();
    }
    const page = await (await fetch(`${site.base}/`)).text();
    assert.match(page, /<script type="module" src="js\/bundle\/start\.js">/);
  });

  it('answers 404 for missing files and for paths outside web/', async () => {
    for (const path of ['/nope.html', '/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/js/..%2f..%2fpackage.json', '/%00', '/.git/config']) {
      const response = await fetch(site.base + path);
      assert.equal(response.status, 404, path);
      await response.text();
    }
  });

  it('survives request targets that are not paths, and malformed ones', async () => {
    const targets = ['http://', 'http:', '*', 'http://[', '//', '/%', '/%E0%A4%A', 'a', `/${'x'.repeat(5000)}`];
    for (const target of targets) {
      const head = await rawRequest(site.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      assert.match(head, /^HTTP\/1\.1 [45]\d\d /, `GET ${target}: a 4xx answer`);
      await assertAlive(site, `after GET ${target}`);
    }
    const absolute = await rawRequest(site.port, `GET http://127.0.0.1:${site.port}/js/walkthrough/main.js HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    assert.match(absolute, /^HTTP\/1\.1 200 /, 'the absolute form of a request target is served');
  });

  it('answers 405 with Allow for methods other than GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const response = await fetch(`${site.base}/index.html`, { method });
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.get('allow'), 'GET, HEAD', method);
      await response.text();
    }
    const head = await fetch(`${site.base}/index.html`, { method: 'HEAD' });
    assert.equal(head.status, 200);
  });

  it('sends ETag and Last-Modified, and 304 for a conditional request that matches', async () => {
    // identity: web/ has .br/.gz siblings (scripts/vendor), each with its own ETag; the raw requests ask for the file itself
    const first = await fetch(`${site.base}/js/walkthrough/main.js`, { headers: { 'accept-encoding': 'identity' } });
    await first.text();
    const etag = first.headers.get('etag'), modified = first.headers.get('last-modified');
    assert.ok(etag && modified, 'ETag and Last-Modified are sent');
    // raw requests: fetch() adds Cache-Control: no-cache to conditional requests, which forbids a 304
    const byEtag = await rawRequest(site.port, `GET /js/walkthrough/main.js HTTP/1.1\r\nHost: x\r\nIf-None-Match: ${etag}\r\nConnection: close\r\n\r\n`);
    assert.match(byEtag, /^HTTP\/1\.1 304 /);
    const byDate = await rawRequest(site.port, `GET /js/walkthrough/main.js HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: ${modified}\r\nConnection: close\r\n\r\n`);
    assert.match(byDate, /^HTTP\/1\.1 304 /);
    const stale = await fetch(`${site.base}/js/walkthrough/main.js`, { headers: { 'if-none-match': '"another"' } });
    assert.equal(stale.status, 200);
    await stale.text();
  });

  it('answers a Range request with 206 and exactly those bytes', async () => {
    const whole = readFileSync(`${web}/js/walkthrough/main.js`);
    const cases = { 'bytes=0-9': whole.subarray(0, 10), 'bytes=-16': whole.subarray(whole.length - 16), [`bytes=${whole.length - 5}-`]: whole.subarray(whole.length - 5) };
    for (const [range, bytes] of Object.entries(cases)) {
      const response = await fetch(`${site.base}/js/walkthrough/main.js`, { headers: { range, 'accept-encoding': 'identity' } });
      assert.equal(response.status, 206, range);
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), bytes, range);
    }
    const outside = await fetch(`${site.base}/js/walkthrough/main.js`, { headers: { range: `bytes=${whole.length + 10}-` } });
    assert.equal(outside.status, 416);
    await outside.text();
  });

  it('sends the precompressed .br or .gz sibling to a client that accepts it, and the file otherwise', async () => {
    const folder = tempSite();
    const text = readFileSync(`${web}/js/walkthrough/main.js`);
    writeFileSync(join(folder, 'main.js'), text);
    writeFileSync(join(folder, 'main.js.br'), brotliCompressSync(text));
    writeFileSync(join(folder, 'main.js.gz'), gzipSync(text));
    writeFileSync(join(folder, 'stale.js'), text);
    writeFileSync(join(folder, 'stale.js.gz'), gzipSync(Buffer.from('an older build')));
    utimesSync(join(folder, 'stale.js.gz'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    const server = await startServer(folder);
    const get = (path, acceptEncoding) => new Promise((resolve) => {
      // a raw request: fetch() would decode the body and hide what was sent
      rawRequest(server.port, `GET ${path} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: ${acceptEncoding}\r\nConnection: close\r\n\r\n`).then((all) => {
        const split = all.indexOf('\r\n\r\n');
        resolve({ head: all.slice(0, split).toLowerCase(), body: Buffer.from(all.slice(split + 4), 'latin1') });
      });
    });
    const br = await get('/main.js', 'gzip, deflate, br');
    assert.match(br.head, /content-encoding: br/);
    assert.match(br.head, /content-type: text\/javascript; charset=utf-8/);
    assert.match(br.head, /vary: accept-encoding/);
    assert.deepEqual(brotliDecompressSync(br.body), text);
    const gz = await get('/main.js', 'gzip');
    assert.match(gz.head, /content-encoding: gzip/);
    assert.deepEqual(gunzipSync(gz.body), text);
    const refused = await get('/main.js', 'br;q=0, gzip;q=0');
    assert.doesNotMatch(refused.head, /content-encoding/);
    assert.deepEqual(refused.body, text);
    const stale = await get('/stale.js', 'gzip');
    assert.doesNotMatch(stale.head, /content-encoding/, 'a sibling older than its file is not sent');
    assert.deepEqual(stale.body, text);
  });

  it('sends the Content-Security-Policy, and both pages carry the same policy in a meta tag', async () => {
    for (const path of ['/', '/perf.html', '/js/perf/perf-worker.js', '/sw.js', '/nope']) {
      const response = await fetch(site.base + path);
      assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, path);
      await response.text();
    }
    assert.doesNotMatch(CONTENT_SECURITY_POLICY.match(/script-src[^;]*/)[0], /'unsafe-inline'|'unsafe-eval'/);
    assert.match(CONTENT_SECURITY_POLICY, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    for (const page of ['index.html', 'perf.html']) {
      const html = readFileSync(`${web}/${page}`, 'utf8');
      const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
      assert.ok(meta, `${page} has a CSP meta tag`);
      assert.equal(meta[1], CONTENT_SECURITY_POLICY, `${page}: the meta tag's policy is the server's`);
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${page}: no inline script`);
      assert.doesNotMatch(html, /\son[a-z]+=/i, `${page}: no inline event handler`);
    }
  });

  // Requests of every kind of answer: 200 (page, module, wasm, worker, service worker, KaTeX's
  // CSS and font, onnxruntime-web's module and wasm), 304, 206, 301 (a folder without its slash),
  // 404, 400 and 405.
  const everyKind = async (base) => {
    const get = (path, init) => fetch(base + path, { redirect: 'manual', ...init });
    // identity: the raw conditional request below asks for the file itself, not its .br sibling (its own ETag)
    const etag = (await get('/js/walkthrough/main.js', { headers: { 'accept-encoding': 'identity' } })).headers.get('etag');
    const fonts = readdirSync(`${web}/vendor/katex/fonts`).filter((name) => name.endsWith('.woff2'));
    return {
      '/': await get('/'),
      '/perf.html': await get('/perf.html'),
      '/wasm/attention-simd.wasm': await get('/wasm/attention-simd.wasm'),
      '/js/perf/perf-worker.js': await get('/js/perf/perf-worker.js'),
      '/sw.js': await get('/sw.js'),
      '/vendor/katex/katex.min.css': await get('/vendor/katex/katex.min.css'),
      [`/vendor/katex/fonts/${fonts[0]}`]: await get(`/vendor/katex/fonts/${fonts[0]}`),
      '/vendor/onnxruntime-web/ort.wasm.min.mjs': await get('/vendor/onnxruntime-web/ort.wasm.min.mjs'),
      '/vendor/onnxruntime-web/ort-wasm-simd-threaded.wasm': await get('/vendor/onnxruntime-web/ort-wasm-simd-threaded.wasm'),
      // raw: fetch() marks a conditional request no-cache, which the server rightly answers with 200
      '304 /js/walkthrough/main.js': await rawResponse(base, `GET /js/walkthrough/main.js HTTP/1.1\r\nHost: x\r\nIf-None-Match: ${etag}\r\nConnection: close\r\n\r\n`),
      '206 /js/walkthrough/main.js': await get('/js/walkthrough/main.js', { headers: { range: 'bytes=0-9' } }),
      '301 /js': await get('/js'),
      '404 /nope': await get('/nope'),
      '405 POST /': await get('/', { method: 'POST' }),
    };
  };

  it('sends COOP same-origin, COEP require-corp and CORP same-origin on every answer, errors included', async () => {
    const answers = await everyKind(site.base);
    const bad = await rawRequest(site.port, 'GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    for (const [what, response] of Object.entries(answers)) {
      assert.equal(response.headers.get('cross-origin-opener-policy'), 'same-origin', `${what} (${response.status}): COOP`);
      assert.equal(response.headers.get('cross-origin-embedder-policy'), 'require-corp', `${what} (${response.status}): COEP`);
      assert.equal(response.headers.get('cross-origin-resource-policy'), 'same-origin', `${what} (${response.status}): CORP`);
      // serve-static's redirect page carries its own, stricter policy (default-src 'none')
      if (response.status !== 301) assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, `${what}: CSP`);
      await response.arrayBuffer();
    }
    assert.equal(answers['304 /js/walkthrough/main.js'].status, 304);
    assert.equal(answers['206 /js/walkthrough/main.js'].status, 206);
    assert.equal(answers['301 /js'].status, 301);
    assert.match(bad, /^HTTP\/1\.1 400 /);
    assert.match(bad, /\r\ncross-origin-embedder-policy: require-corp\r\n/i, 'a 400 answer carries COEP');
  });

  it('leaves the isolation headers out with --no-isolation or CROSS_ORIGIN_ISOLATION=off, and keeps the CSP', async () => {
    for (const how of [{ options: ['--no-isolation'] }, { env: { CROSS_ORIGIN_ISOLATION: 'off' } }]) {
      const server = await startServer(web, how);
      for (const [what, response] of Object.entries(await everyKind(server.base))) {
        for (const header of ['cross-origin-opener-policy', 'cross-origin-embedder-policy', 'cross-origin-resource-policy']) {
          assert.equal(response.headers.get(header), null, `${JSON.stringify(how)} ${what}: no ${header}`);
        }
        if (response.status !== 301) assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, `${JSON.stringify(how)} ${what}: CSP`);
        await response.arrayBuffer();
      }
      server.child.kill();
    }
    const wrong = await startServer(web, { options: ['--no-isolatoin'] }).catch((err) => err);
    assert.match(String(wrong?.message), /unknown option --no-isolatoin/, 'a mistyped option is named, not ignored');
  });

  it('refuses symlinks: to a file outside, to a folder, inside the folder, and FIFOs', async () => {
    const folder = tempSite();
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(folder, 'real.txt'), 'inside');
    mkdirSync(join(folder, 'git'));
    writeFileSync(join(folder, 'git', 'config'), 'secret');
    symlinkSync('/etc/passwd', join(folder, 'passwd.txt'));
    symlinkSync('/etc', join(folder, 'etc'));
    symlinkSync(join(folder, 'real.txt'), join(folder, 'alias.txt'));
    symlinkSync(join(folder, 'git'), join(folder, 'config-folder'));
    execFileSync('mkfifo', [join(folder, 'pipe.js')]);
    const server = await startServer(folder);
    for (const path of ['/passwd.txt', '/etc/passwd', '/alias.txt', '/config-folder/config', '/pipe.js']) {
      const response = await fetch(server.base + path);
      const body = await response.text();
      assert.equal(response.status, 404, path);
      assert.doesNotMatch(body, /root:|secret|inside/, path);
    }
    assert.equal(await (await fetch(`${server.base}/real.txt`)).text(), 'inside');
    await assertAlive(server, 'after the symlinks');
  });

  it('answers 500 for a file it cannot read, and goes on serving', async () => {
    const folder = tempSite();
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(folder, 'locked.js'), 'secret');
    chmodSync(join(folder, 'locked.js'), 0o000);
    // As root, mode 000 does not stop reads: then the server runs as nobody (uid 65534).
    const uid = process.getuid() === 0 ? 65534 : undefined;
    if (uid !== undefined) chownSync(join(folder, 'locked.js'), 0, 0);
    const server = await startServer(folder, { uid });
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${server.base}/locked.js`).catch((err) => err);
      assert.ok(!(response instanceof Error), `the server ended: ${server.child.stderrText}`);
      assert.equal(response.status, 500);
      assert.doesNotMatch(await response.text(), /secret/);
    }
    await assertAlive(server, 'after EACCES');
  });

  it('answers 503 when it runs out of file descriptors, and serves again once they are free', async () => {
    const folder = tempSite();
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(folder, 'big.bin'), Buffer.alloc(16 << 20, 7));
    const server = await startServer(folder, { shell: 'ulimit -n 48' });
    const held = [];
    let unavailable = 0;
    // Downloads that are never read keep their file open; each one holds a socket and a file.
    for (let i = 0; i < 60 && unavailable === 0; i++) {
      const socket = connect(server.port, '127.0.0.1');
      held.push(socket);
      socket.pause();
      const head = await new Promise((resolve) => {
        let text = '';
        socket.on('connect', () => socket.write('GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n'));
        socket.once('readable', () => { text = socket.read(64)?.toString('latin1') ?? ''; resolve(text); });
        socket.on('error', () => resolve('error'));
        socket.on('close', () => resolve('closed'));
        setTimeout(() => resolve('no answer'), 2000);
      });
      if (/^HTTP\/1\.1 503 /.test(head)) unavailable++;
    }
    assert.ok(unavailable > 0, `the server never ran out of descriptors (limit 48): ${server.child.stderrText}`);
    for (const socket of held) socket.destroy();
    await sleep(300);
    await assertAlive(server, 'after EMFILE');
  });

  it('releases the file descriptors of 300 aborted downloads', async (t) => {
    const { child, port } = site;
    await assertAlive(site, 'before');
    await sleep(200);
    const baseline = openFds(child.pid);
    const request = 'GET /vendor/katex/katex.mjs HTTP/1.1\r\nHost: x\r\nAccept-Encoding: identity\r\n\r\n';
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(Array.from({ length: 50 }, () => rawRequest(port, request, { abortAfterFirstChunk: true })));
    }
    let after = openFds(child.pid);
    for (let i = 0; i < 50 && after > baseline; i++) {
      await sleep(100);
      after = openFds(child.pid);
    }
    t.diagnostic(`open fds of the server: ${baseline} before, ${after} after 300 aborted downloads of katex.mjs`);
    assert.ok(after <= baseline, `the server holds ${after} fds after 300 aborted downloads; ${baseline} before`);
    await assertAlive(site, 'after 300 aborts');
  });
});
