// precompress.mjs — writes a .br (Brotli, quality 11) and a .gz (gzip, level 9) sibling next to
// every text and WebAssembly file of a built site, for servers that send them to clients that
// accept them (scripts/serve.mjs does). A sibling is written only when it is smaller than its file.
// A sibling that decompresses to its file's bytes is kept (touched if older than its file, as
// scripts/serve.mjs sends only a sibling at least as new as its file); so running it again, as
// scripts/vendor does on web/, compresses only what changed.
//   node scripts/precompress.mjs <site folder>
import { existsSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';

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

/** The bytes `sibling` decompresses to, or null when it is missing or not valid. */
function unpacked(sibling, decompress) {
  if (!existsSync(sibling)) return null;
  try {
    return decompress(readFileSync(sibling));
  } catch {
    return null;
  }
}

let before = 0, br = 0, gz = 0, written = 0, kept = 0;
for (const path of filesUnder(root).filter((p) => compressible.test(p))) {
  const bytes = readFileSync(path);
  before += bytes.length;
  const { mtimeMs } = statSync(path);
  for (const [suffix, compress, decompress] of [
    ['.br', () => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }), brotliDecompressSync],
    ['.gz', () => gzipSync(bytes, { level: 9 }), gunzipSync],
  ]) {
    const sibling = `${path}${suffix}`;
    let size;
    if (unpacked(sibling, decompress)?.equals(bytes)) {
      size = statSync(sibling).size;
      kept++;
    } else {
      const packed = compress();
      size = packed.length;
      if (packed.length < bytes.length) { writeFileSync(sibling, packed); written++; } else rmSync(sibling, { force: true });
    }
    if (existsSync(sibling) && statSync(sibling).mtimeMs < mtimeMs) utimesSync(sibling, new Date(), new Date());
    if (suffix === '.br') br += Math.min(size, bytes.length); else gz += Math.min(size, bytes.length);
  }
}
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`precompress: ${written} siblings written, ${kept} up to date in ${root}; text and wasm ${kb(before)} → ${kb(gz)} gzip, ${kb(br)} brotli`);
