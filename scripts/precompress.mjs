// precompress.mjs — writes a .br (Brotli, quality 11) and a .gz (gzip, level 9) sibling next to
// every text and WebAssembly file of a built site, for servers that send them to clients that
// accept them (scripts/serve.mjs does). A sibling is written only when it is smaller than its file.
//   node scripts/precompress.mjs <site folder>
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = process.argv[2];
if (!root) {
  console.error('usage: node scripts/precompress.mjs <site folder>');
  process.exit(1);
}
const compressible = /\.(html|js|mjs|css|json|wasm|svg|txt)$/;

function filesUnder(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

let before = 0, br = 0, gz = 0, written = 0;
for (const path of filesUnder(root).filter((p) => compressible.test(p))) {
  const bytes = readFileSync(path);
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  const gzip = gzipSync(bytes, { level: 9 });
  before += bytes.length;
  br += Math.min(brotli.length, bytes.length);
  gz += Math.min(gzip.length, bytes.length);
  if (brotli.length < bytes.length) { writeFileSync(`${path}.br`, brotli); written++; }
  if (gzip.length < bytes.length) { writeFileSync(`${path}.gz`, gzip); written++; }
}
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`precompress: ${written} siblings in ${root}; text and wasm ${kb(before)} → ${kb(gz)} gzip, ${kb(br)} brotli`);
