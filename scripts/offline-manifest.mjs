// offline-manifest.mjs — writes <site>/offline-files.json, the list of files web/sw.js caches
// when it installs, so that the site works offline after one visit: every page, script,
// stylesheet and WebAssembly file of the site, and KaTeX's woff2 fonts (what browsers load).
//   node scripts/offline-manifest.mjs [site folder, default web]
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const root = process.argv[2] ?? 'web';
const wanted = /\.(html|js|css|wasm|woff2)$/;
const skipped = new Set(['sw.js']);
// The benchmark's peer (onnxruntime-web, about 14 MB), fetched only when the Performance page runs.
const skippedFolders = ['vendor/onnxruntime-web/'];

function filesUnder(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

const files = filesUnder(root)
  .map((path) => relative(root, path).split(sep).join('/'))
  .filter((path) => wanted.test(path) && !skipped.has(path))
  .filter((path) => !skippedFolders.some((folder) => path.startsWith(folder)))
  .sort();
writeFileSync(join(root, 'offline-files.json'), `${JSON.stringify(files, null, 1)}\n`);
console.log(`offline-manifest: ${files.length} files listed in ${root}/offline-files.json`);
