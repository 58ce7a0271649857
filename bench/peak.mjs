// The arithmetic ceiling of this engine and CPU, one thread: independent f32x4 multiply-add
// chains in a hand-assembled WebAssembly module (no compiler in between).
//   fma(iterations):    16 chains a_c ← f32x4.relaxed_madd(a_c, x, y)   (relaxed SIMD)
//   muladd(iterations): 16 chains a_c ← f32x4.add(f32x4.mul(a_c, x), y)  (SIMD128)
// 16 chains × 4 lanes × 2 flops = 128 flops per iteration; 16 chains cover the latency of
// either form on current x86 and Arm cores. Returns GFLOP/s, the best of a few runs.

const CHAINS = 16;
const X = 17, Y = 18; // local indices: param 0 is the iteration count, 1…16 the chains
const leb = (v) => { const out = []; do { let b = v & 0x7f; v >>>= 7; if (v) b |= 0x80; out.push(b); } while (v); return out; };
const f32x4Const = (value) => {
  const b = new Uint8Array(16);
  for (let l = 0; l < 4; l++) new DataView(b.buffer).setFloat32(4 * l, value, true);
  return [0xfd, 0x0c, ...b];
};
const section = (id, bytes) => [id, ...leb(bytes.length), ...bytes];

function body(step) {
  const code = [
    1, CHAINS + 2, 0x7b, // locals: 18 × v128
    ...f32x4Const(0.999), 0x21, X, ...f32x4Const(0.001), 0x21, Y,
    0x02, 0x40, 0x03, 0x40, // block, loop
  ];
  for (let c = 1; c <= CHAINS; c++) code.push(0x20, c, ...step, 0x21, c);
  code.push(0x20, 0, 0x41, 1, 0x6b, 0x22, 0, 0x0d, 0, 0x0b, 0x0b); // n ← n − 1; loop while n ≠ 0
  code.push(0x20, 1);
  for (let c = 2; c <= CHAINS; c++) code.push(0x20, c, 0xfd, 0xe4, 0x01); // f32x4.add: every chain is used
  code.push(0xfd, 0x1f, 0, 0x0b); // f32x4.extract_lane 0
  return [...leb(code.length), ...code];
}

function peakModule(withFma) {
  const muladd = [0x20, X, 0xfd, 0xe6, 0x01, 0x20, Y, 0xfd, 0xe4, 0x01]; // · x, + y
  const fma = [0x20, X, 0x20, Y, 0xfd, 0x85, 0x02];                      // relaxed_madd(a, x, y)
  const bodies = withFma ? [body(muladd), body(fma)] : [body(muladd)];
  const exports = [['muladd', 0], ['fma', 1]].slice(0, bodies.length);
  const name = (s) => [s.length, ...Array.from(s, (ch) => ch.charCodeAt(0))];
  return new Uint8Array([
    0, 97, 115, 109, 1, 0, 0, 0,
    ...section(1, [1, 0x60, 1, 0x7f, 1, 0x7d]),                         // (i32) → f32
    ...section(3, [bodies.length, ...bodies.map(() => 0)]),
    ...section(7, [exports.length, ...exports.flatMap(([n, i]) => [...name(n), 0, i])]),
    ...section(10, [bodies.length, ...bodies.flat()]),
  ]);
}

/** { muladd: GFLOP/s, fma: GFLOP/s | null (no relaxed SIMD in this engine) } */
export async function measurePeaks({ iterations = 1e7, runs = 5, relaxed = true } = {}) {
  const withFma = relaxed && WebAssembly.validate(peakModule(true));
  const { instance } = await WebAssembly.instantiate(peakModule(withFma));
  const gflops = (f) => {
    // V8 runs a function in its baseline compiler first and tiers up on later calls (no
    // on-stack replacement in wasm): warm up with many short calls.
    for (let w = 0; w < 200; w++) f(1e4);
    let best = 0;
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      f(iterations);
      best = Math.max(best, (iterations * CHAINS * 8) / ((performance.now() - t0) * 1e6));
    }
    return best;
  };
  return { muladd: gflops(instance.exports.muladd), fma: withFma ? gflops(instance.exports.fma) : null };
}
