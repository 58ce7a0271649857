// Reads `wasm-objdump -d` output (Debian's wabt) into { name, instructions: [{ op, inLoop }] }
// per function, so tests can ask which instructions the hot loops hold.
import { execFileSync } from 'node:child_process';

export function disassemble(wasmPath) {
  const text = execFileSync('wasm-objdump', ['-d', wasmPath], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const functions = [];
  let current = null;
  let blocks = [];
  for (const line of text.split('\n')) {
    const header = /^[0-9a-f]+ func\[\d+\] <(.*)>:$/.exec(line);
    if (header) {
      current = { name: header[1], instructions: [] };
      functions.push(current);
      blocks = [];
      continue;
    }
    const bar = line.indexOf('|');
    if (!current || bar < 0) continue;
    const op = line.slice(bar + 1).trim().split(/\s+/)[0];
    if (!op || op === 'local[0]' || op.startsWith('local[')) continue;
    current.instructions.push({ op, inLoop: blocks.includes('loop') });
    if (op === 'block' || op === 'loop' || op === 'if') blocks.push(op);
    else if (op === 'end') blocks.pop();
  }
  return functions;
}

const SIMD_PREFIXES = ['v128', 'f32x4', 'f64x2', 'i8x16', 'i16x8', 'i32x4', 'i64x2'];
export const isSimdOp = (op) => SIMD_PREFIXES.some((prefix) => op.startsWith(prefix));
