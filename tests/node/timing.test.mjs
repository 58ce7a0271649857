// timing.js (the benchmark's and the Performance page's timer): every sample spans at least
// minTicks steps of the clock, also when the calls get faster after the warm-up (as when an
// engine's optimised code arrives), so a coarse clock (0.1 ms without cross-origin isolation)
// costs under 1/minTicks of a sample. Run on a simulated clock: asserts what was timed, never how fast.
import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { medianMs } from '../../web/js/perf/timing.js';

const realNow = performance.now;
afterEach(() => { performance.now = realNow; });

/** performance.now() reads a simulated time in steps of tickMs; advance(ms) moves it on. */
function simulatedClock(tickMs) {
  let time = 1000;
  performance.now = () => Math.floor(time / tickMs) * tickMs;
  return { advance: (ms) => { time += ms; } };
}

describe('medianMs', () => {
  it('every sample spans minTicks clock steps, after calls that got faster than the warm-up\'s', async () => {
    const tickMs = 0.1, minTicks = 20;   // the unisolated browser clock: a sample must span ≥ 2 ms
    const clock = simulatedClock(tickMs);
    let calls = 0;
    // The warm-up's calls take 3 ms (its batches of 1 span 2 ms and agree), then 0.25 ms each.
    const call = () => clock.advance(++calls <= 2 ? 3 : 0.25);
    const timing = await medianMs(call, { seconds: 0.5, tickMs, minTicks, warmUpCalls: 2, minSamples: 5, maxSamples: 50 });
    performance.now = realNow;
    assert.ok(timing.batch * timing.q1Ms >= minTicks * tickMs,
      `the samples span ${(timing.batch * timing.q1Ms).toFixed(2)} ms or more (batch ${timing.batch} × q1 ${timing.q1Ms.toFixed(3)} ms); need ${minTicks * tickMs} ms`);
    assert.ok(Math.abs(timing.medianMs - 0.25) <= 0.25 / minTicks, `the median is the fast calls' time within a step of the clock per sample: ${timing.medianMs} ms`);
  });
});
