// timing.js — how the benchmark (bench/run.mjs, in Node) and the Performance page's worker time
// a call, and compare outputs. Figures only: nothing here is ever a test.

/**
 * Median ms per call of call(). A warm-up (at least warmUpCalls calls and warmUpMs ms) lets the
 * JavaScript engine optimise the calling code and gives the time of one call (taken as at
 * least minPerCallMs, for clocks too coarse to see it). Calls are then timed in batches of at
 * least minBatchMs (a sample is the batch's time / its calls), so the clock's resolution and
 * cost do not count; samples are taken until `seconds` have passed, at least minSamples and at
 * most maxSamples. Returns { medianMs, runs }.
 */
export function medianMs(call, { seconds, warmUpCalls, warmUpMs, minBatchMs, minPerCallMs, minSamples, maxSamples }) {
  const warmUpStart = performance.now();
  let calls = 0;
  for (; calls < warmUpCalls || performance.now() - warmUpStart < warmUpMs; calls++) call();
  const perCall = Math.max((performance.now() - warmUpStart) / calls, minPerCallMs);
  const batch = Math.max(1, Math.ceil(minBatchMs / perCall));
  const times = [];
  const start = performance.now();
  while (times.length < minSamples || (performance.now() - start < seconds * 1000 && times.length < maxSamples)) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) call();
    times.push((performance.now() - t0) / batch);
  }
  times.sort((x, y) => x - y);
  return { medianMs: times[times.length >> 1], runs: times.length * batch };
}

/** Largest |actual[i] − reference[i]| over the reference's entries. */
export function maxDiff(actual, reference) {
  let worst = 0;
  for (let i = 0; i < reference.length; i++) worst = Math.max(worst, Math.abs(actual[i] - reference[i]));
  return worst;
}
