// timing.js — how the benchmark (bench/run.mjs, in Node) and the Performance page's worker time
// a call, and compare outputs (maxDiff, from max-difference.js). Figures only: nothing here is
// ever a test.

/**
 * The clock's step: the smallest non-zero difference between two readings of
 * performance.now() over `steps` steps (browsers coarsen it: 0.1 ms in Chromium without
 * cross-origin isolation, a few µs with it; Node's is finer than a µs).
 */
export function clockTickMs(steps = 8) {
  let tick = Infinity;
  for (let s = 0; s < steps; s++) {
    const t0 = performance.now();
    let t1 = t0;
    while (t1 === t0) t1 = performance.now();
    tick = Math.min(tick, t1 - t0);
  }
  return tick;
}

const isThenable = (x) => x !== null && typeof x === 'object' && typeof x.then === 'function';

/**
 * Median ms per call of call(); a call may return a promise, which is awaited (then the loop
 * is asynchronous; otherwise it runs without yielding).
 *   1. A sample times a batch of calls and divides by its size. The batch grows (4×, or in
 *      proportion) until one batch spans at least minTicks steps of the clock and minBatchMs,
 *      so the clock's resolution and cost stay under 1/minTicks of a sample.
 *   2. Warm-up: batches until two successive per-call times agree within stableWithin
 *      (relative), after at least warmUpCalls calls and warmUpMs ms, and for at most
 *      maxWarmUpMs; the engine's first, unoptimised calls do not count. A batch that falls
 *      short of the span again (the calls got faster) grows the batch, as in 1.
 *   3. Samples until `seconds` have passed, at least minSamples and at most maxSamples; each
 *      spans minSpan too (a batch that falls short grows, and the samples before it are dropped).
 * Returns { medianMs, q1Ms, q3Ms (quartiles of the samples: the spread), runs (timed calls),
 * batch (calls per sample), tickMs, warmUpCalls, stable (whether the warm-up settled) }.
 */
export async function medianMs(call, {
  seconds, warmUpCalls = 1, warmUpMs = 0, maxWarmUpMs = 2000, stableWithin = 0.05,
  minBatchMs = 0, minTicks = 20, minSamples = 5, maxSamples = 500, tickMs = clockTickMs(),
}) {
  const minSpan = Math.max(minBatchMs, minTicks * tickMs);
  async function timeBatch(batch) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) {
      const r = call();
      if (isThenable(r)) await r;
    }
    return performance.now() - t0;
  }
  // A batch that spanned `elapsed` < minSpan: 1.25× the size that would have spanned minSpan
  // (4× when it spanned hardly any step of the clock).
  const grown = (batch, elapsed) => (elapsed > 4 * tickMs ? Math.ceil(batch * 1.25 * (minSpan / elapsed)) : batch * 4);
  // 1–2. Batches until one spans minSpan (growing the batch) and two successive ones that do
  // agree on the time per call; a batch that falls short (the calls got faster) grows the batch
  // and starts the comparison over.
  const warmUpStart = performance.now();
  let calls = 0, batch = 1, previous = null, stable = false;
  for (;;) {
    const elapsed = await timeBatch(batch);
    calls += batch;
    if (elapsed < minSpan) {
      batch = grown(batch, elapsed);
      previous = null;
      continue;
    }
    const perCall = elapsed / batch;
    stable = previous !== null && Math.abs(perCall - previous) <= stableWithin * previous;
    previous = perCall;
    const warmedUp = calls >= warmUpCalls && performance.now() - warmUpStart >= warmUpMs;
    if ((stable && warmedUp) || performance.now() - warmUpStart >= maxWarmUpMs) break;
  }
  // 3. Samples, each spanning minSpan too: a batch that falls short (the calls got faster after
  // the warm-up, say when the engine's optimised code arrived) grows the batch, and the samples of
  // the smaller batch are dropped.
  const times = [];
  const start = performance.now();
  while (times.length < minSamples || (performance.now() - start < seconds * 1000 && times.length < maxSamples)) {
    const elapsed = await timeBatch(batch);
    if (elapsed < minSpan) {
      batch = grown(batch, elapsed);
      times.length = 0;
      continue;
    }
    times.push(elapsed / batch);
  }
  times.sort((x, y) => x - y);
  const quantile = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return {
    medianMs: times[times.length >> 1], q1Ms: quantile(0.25), q3Ms: quantile(0.75),
    runs: times.length * batch, batch, tickMs, warmUpCalls: calls, stable,
  };
}

// Largest |actual − reference|, Infinity when the shapes differ: the one comparison of results,
// shared with the Node tests.
export { maxDifference as maxDiff } from './max-difference.js';

/** The rounds interleavedRatio times (odd: its median is one round's ratio). */
export const PAIR_ROUNDS = 21;

/**
 * time(slow) / time(fast), two contestants (functions, sync or async) timed interleaved: in each
 * of PAIR_ROUNDS rounds a batch of each (its calls spanning about 20 ms) back to back, the order
 * alternating, per call; the median of the per-round ratios, which cancels drift slower than a
 * round (bench/run.mjs in Node, bench/chromium-ratios.mjs in Chromium).
 */
export async function interleavedRatio(slow, fast) {
  const batchOf = async (call) => {   // calls per batch: about 20 ms
    const t0 = performance.now();
    await call();
    return Math.max(1, Math.round(20 / Math.max(performance.now() - t0, 0.001)));
  };
  const batches = [await batchOf(slow), await batchOf(fast)];
  const timeBatch = async (call, calls) => {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) await call();
    return (performance.now() - t0) / calls;
  };
  for (let i = 0; i < 3; i++) { await timeBatch(slow, batches[0]); await timeBatch(fast, batches[1]); }
  const ratios = [];
  for (let round = 0; round < PAIR_ROUNDS; round++) {
    let slowMs, fastMs;
    if (round % 2 === 0) {
      slowMs = await timeBatch(slow, batches[0]);
      fastMs = await timeBatch(fast, batches[1]);
    } else {
      fastMs = await timeBatch(fast, batches[1]);
      slowMs = await timeBatch(slow, batches[0]);
    }
    ratios.push(slowMs / fastMs);
  }
  ratios.sort((x, y) => x - y);
  return ratios[PAIR_ROUNDS >> 1];
}
