// The served WebAssembly modules (web/wasm/) carry no name section, which only tools read (about a
// fifth of each module), and each is its named copy (build/wasm-names/, which the tests disassemble)
// with that section alone removed: every other section the same, byte for byte.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repoRoot } from './helpers.mjs';
import { namedWasm } from './wasm-objdump.mjs';

/** The sections of a module: [{ id, name (custom sections), bytes }]. */
function sections(bytes) {
  const list = [];
  let at = 8;
  const leb = () => {
    let value = 0, shift = 0, byte;
    do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
    return value;
  };
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    const start = at;
    let name = null;
    if (id === 0) { const length = leb(); name = Buffer.from(bytes.subarray(at, at + length)).toString(); }
    list.push({ id, name, bytes: Buffer.from(bytes.subarray(start, start + size)) });
    at = start + size;
  }
  return list;
}

const FILES = ['attention-relaxed.wasm', 'attention-simd.wasm', 'attention-scalar.wasm',
  'attention-relaxed-threads.wasm', 'attention-simd-threads.wasm'];

describe('served wasm without names', () => {
  for (const file of FILES) {
    it(`${file}: no name section; otherwise its named copy`, () => {
      const served = sections(readFileSync(`${repoRoot}web/wasm/${file}`));
      const named = sections(readFileSync(namedWasm(file)));
      assert.deepEqual(served.filter((s) => s.id === 0).map((s) => s.name), [], 'no custom section is served');
      assert.ok(named.some((s) => s.name === 'name'), 'the copy in build/wasm-names/ has the names');
      const code = named.filter((s) => s.id !== 0);
      assert.equal(served.length, code.length);
      served.forEach((s, i) => {
        assert.equal(s.id, code[i].id, `section ${i}`);
        assert.ok(s.bytes.equals(code[i].bytes), `section ${i} (id ${s.id}) differs from the named copy's`);
      });
    });
  }
});
