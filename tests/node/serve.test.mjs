// scripts/serve.mjs (what `npm start` runs) serves the site with the types browsers need,
// and nothing outside web/.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { repoRoot } from './helpers.mjs';

let server;
let base;

before(async () => {
  server = spawn(process.execPath, [`${repoRoot}scripts/serve.mjs`, `${repoRoot}web`, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => {
      const match = /http:\/\/localhost:(\d+)\//.exec(String(chunk));
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
});

after(() => server.kill());

describe('static server', () => {
  it('serves the page, the module and both wasm builds with the right types', async () => {
    const expectations = {
      '/': 'text/html; charset=utf-8',
      '/js/attention.js': 'text/javascript; charset=utf-8',
      '/wasm/attention-simd.js': 'text/javascript; charset=utf-8',
      '/wasm/attention-simd.wasm': 'application/wasm',
      '/wasm/attention-scalar.wasm': 'application/wasm',
    };
    for (const [path, type] of Object.entries(expectations)) {
      const response = await fetch(base + path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-type'), type, path);
      await response.arrayBuffer();
    }
    const page = await (await fetch(base + '/')).text();
    assert.match(page, /js\/main\.js/);
  });

  it('answers 404 for missing files and for paths outside web/', async () => {
    for (const path of ['/nope.html', '/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/js/..%2f..%2fpackage.json']) {
      const response = await fetch(base + path);
      assert.equal(response.status, 404, path);
      await response.text();
    }
  });
});
