// offline-manifest.mjs — writes <site>/offline-files.js, the build that web/sw.js keeps for offline
// use: every page, script, stylesheet and WebAssembly file of the site and KaTeX's woff2 fonts,
// each with the SHA-256 of its bytes, and `version`, a hash of that list; and `walkthrough`, the
// files other than WebAssembly a first visit of the walk-through loads (index.html, its
// stylesheets, the bundle's files it preloads: scripts/modulepreload.mjs), which sw.js caches on
// install. sw.js loads it with importScripts, so a new build is a new service worker (browsers
// compare imported scripts when they check for updates) with its own cache, named after `version`.
//   node scripts/offline-manifest.mjs [site folder, default web]
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { preloadBlock } from './modulepreload.mjs';

const root = process.argv[2] ?? 'web';
const wanted = /\.(html|js|mjs|css|wasm|woff2)$/;
const skipped = new Set(['sw.js', 'offline-files.js']);
// The benchmark's peer (onnxruntime-web, about 14 MB), fetched only when the Performance page runs;
// the threaded builds' Node glue (wasm/node/), never loaded by a browser.
const skippedFolders = ['vendor/onnxruntime-web/', 'wasm/node/'];

function filesUnder(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const paths = filesUnder(root)
  .map((path) => relative(root, path).split(sep).join('/'))
  .filter((path) => wanted.test(path) && !skipped.has(path))
  .filter((path) => !skippedFolders.some((folder) => path.startsWith(folder)))
  .sort();
const files = Object.fromEntries(paths.map((path) => [path, sha256(readFileSync(join(root, path)))]));
const version = sha256(JSON.stringify(files)).slice(0, 16);
const page = readFileSync(join(root, 'index.html'), 'utf8');
const stylesheets = [...page.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]);
const modules = (preloadBlock(page) ?? []).map((line) => /href="([^"]+)"/.exec(line)[1]).filter((path) => path.startsWith('js/'));
const walkthrough = ['index.html', ...stylesheets, ...modules];
const unlisted = walkthrough.filter((path) => !Object.hasOwn(files, path));
if (unlisted.length) {
  console.error(`offline-manifest: the walk-through loads ${unlisted.join(', ')}, missing from ${root} (run bash scripts/vendor)`);
  process.exit(1);
}
writeFileSync(join(root, 'offline-files.js'),
  `// Written by scripts/offline-manifest.mjs: the files of this build and the SHA-256 of each, and the\n` +
  `// walk-through's first visit (its WebAssembly aside).\nself.OFFLINE_BUILD = ${JSON.stringify({ version, files, walkthrough }, null, 1)};\n`);
rmSync(join(root, 'offline-files.json'), { force: true });   // the list of earlier builds
console.log(`offline-manifest: build ${version}, ${paths.length} files listed in ${root}/offline-files.js`);
