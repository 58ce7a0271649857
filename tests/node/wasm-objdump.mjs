// Reads `wasm-objdump -d` output (Debian's wabt) into functions and their loops, so tests can
// ask which instructions the hot loops hold. Binaryen inlines and merges functions freely, so
// the tests recognise a kernel's loop by what it does rather than by the function's name.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { repoRoot } from './helpers.mjs';

// The served modules (web/wasm/) have no name section: src/wasm/CMakeLists.txt strips it after the
// link and keeps a copy with the function names in build/wasm-names/. Tests that look for a function
// by name read that copy (the same module, names aside: wasm-names.test.mjs checks it).
export function namedWasm(file) {
  const path = `${repoRoot}build/wasm-names/${file}`;
  if (!existsSync(path)) throw new Error(`${path} is missing; build the wasm presets (bash scripts/build)`);
  return path;
}

// -> [{ name, ops: [op], loops: [[op…] of each loop body, nested loops' ops included] }]
export function disassemble(wasmPath) {
  const text = execFileSync('wasm-objdump', ['-d', wasmPath], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const functions = [];
  let current = null;
  let blocks = []; // open block/loop/if; a loop entry carries its ops
  for (const line of text.split('\n')) {
    const header = /^[0-9a-f]+ func\[\d+\] <(.*)>:$/.exec(line);
    if (header) {
      current = { name: header[1], ops: [], loops: [] };
      functions.push(current);
      blocks = [];
      continue;
    }
    const bar = line.indexOf('|');
    if (!current || bar < 0) continue;
    const op = line.slice(bar + 1).trim().split(/\s+/)[0];
    if (!op || op.startsWith('local[')) continue;
    current.ops.push(op);
    for (const b of blocks) if (b.kind === 'loop') b.ops.push(op);
    if (op === 'block' || op === 'if') blocks.push({ kind: op });
    else if (op === 'loop') blocks.push({ kind: 'loop', ops: [] });
    else if (op === 'end') {
      const closed = blocks.pop();
      if (closed?.kind === 'loop') current.loops.push(closed.ops);
    }
  }
  return functions;
}

const SIMD_PREFIXES = ['v128', 'f32x4', 'f64x2', 'i8x16', 'i16x8', 'i32x4', 'i64x2'];
export const isSimdOp = (op) => SIMD_PREFIXES.some((prefix) => op.startsWith(prefix));

export const count = (ops, op) => ops.filter((o) => o === op).length;
