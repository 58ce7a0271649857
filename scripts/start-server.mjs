// start-server.mjs — runs scripts/serve.mjs on a free port in a child process, for the tools that
// drive a browser against the site (tests/browser/harness.mjs, scripts/typeset.mjs,
// bench/first-load.mjs). Resolves { child, port, base } once the server has printed its URL.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const serveScript = fileURLToPath(new URL('./serve.mjs', import.meta.url));

/** Serves `root` (serve.mjs's `serverOptions` first, e.g. ['--no-isolation']); kill `child` to stop. */
export async function startServer(root, serverOptions = []) {
  const child = spawn(process.execPath, [serveScript, ...serverOptions, root, '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const port = await new Promise((resolvePort, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /http:\/\/localhost:(\d+)\//.exec(out);
      if (match) resolvePort(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}: ${stderr}`)));
    setTimeout(() => reject(new Error(`serve.mjs printed no URL in 10 s: ${out}${stderr}`)), 10_000).unref();
  });
  return { child, port, base: `http://localhost:${port}/` };
}
