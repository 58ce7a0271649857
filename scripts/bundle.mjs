// bundle.mjs — the walk-through as the browser loads it: web/js/walkthrough/start.js and the
// modules it imports, bundled and minified by esbuild into <site>/js/bundle/ (git-ignored; a source
// map beside each file, fetched only by developer tools; ATTN_BUNDLE_PLAIN=1 leaves it unminified,
// to read a CPU profile). The modules under web/js/ stay the source: Node, the
// tests, the type check and the Performance page use them as they are. A module imported with
// import() (a view the first step does not show) becomes a chunk of its own, loaded when needed.
//
// Why: on a slow link (1.6 Mbps, 150 ms round trip) the first visit was 28 requests of commented
// source, 197 kB before the first step could be used; a few minified chunks carry the same code in
// far fewer bytes and round trips (bench/first-load.mjs measures it).
//
// The bundle lives at the same depth as the sources (js/bundle/ next to js/walkthrough/), so the
// paths the modules build from import.meta.url (../../wasm/, ../../vendor/katex/) hold unchanged.
//   node scripts/bundle.mjs [site folder, default web]
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export const BUNDLE_DIR = 'js/bundle';
export const ENTRY = 'js/walkthrough/start.js';

// Where the glue runs in Node (web/js/core/attention.js): dynamic imports of node: modules, never
// taken in a browser.
const NODE_ONLY = ['node:*'];

/**
 * Bundles the walk-through of the site at `root`. With write = false nothing is written; with
 * contents = true the result also has outputFiles: [{ path, contents (bytes) }].
 * -> { entry, firstVisit, files }: the entry's path, the files a first visit loads (the entry, the
 *    page it imports, and their chunks: paths relative to `root`, entry first), and every file
 *    written (chunks loaded later by import() and the source maps too).
 */
export async function bundleWalkthrough(root, { write = true, contents = false } = {}) {
  const outdir = join(resolve(root), BUNDLE_DIR);
  const result = await build({
    entryPoints: { start: join(resolve(root), ENTRY) },
    outdir,
    absWorkingDir: resolve(root),   // paths (and so the chunks' hashes) relative to the site, wherever it is
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',           // class private fields and top-level await, as written
    minify: process.env.ATTN_BUNDLE_PLAIN !== '1',
    sourcemap: 'linked',
    sourcesContent: true,
    external: NODE_ONLY,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const site = (path) => relative(root, path).split(sep).join('/');
  const outputs = result.metafile.outputs;
  const outputPath = (key) => site(join(resolve(root), key));
  const entryKey = Object.keys(outputs).find((key) => outputs[key].entryPoint !== undefined);
  // The entry, what it imports (the page: start.js imports main.js with import()), and their static
  // imports, transitively; not what the page imports with import() later (a view of another step).
  const firstVisit = [];
  const visit = (key, kinds) => {
    if (firstVisit.includes(outputPath(key))) return;
    firstVisit.push(outputPath(key));
    for (const imported of outputs[key].imports) {
      if (kinds.includes(imported.kind) && !imported.external) visit(imported.path, ['import-statement']);
    }
  };
  visit(entryKey, ['import-statement', 'dynamic-import']);
  if (write) {
    rmSync(outdir, { recursive: true, force: true });   // no chunk of an earlier build stays behind
    mkdirSync(outdir, { recursive: true });
    for (const file of result.outputFiles) writeFileSync(file.path, file.contents);
  }
  return {
    entry: outputPath(entryKey), firstVisit, files: result.outputFiles.map((file) => site(file.path)),
    ...(contents ? { outputFiles: result.outputFiles.map((file) => ({ path: site(file.path), contents: file.contents })) } : {}),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? 'web';
  const { firstVisit, files } = await bundleWalkthrough(root);
  const scripts = files.filter((path) => path.endsWith('.js'));
  console.log(`bundle: ${scripts.length} files in ${root}/${BUNDLE_DIR} (${firstVisit.length} on the first visit), with source maps`);
}
