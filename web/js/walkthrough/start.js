// start.js — the walk-through's entry (index.html loads its bundle, scripts/bundle.mjs): starts
// loading the core first (the glue's import, the wasm's fetch and streaming compilation), then
// imports the page (main.js and its views) and hands it the load under way. On a slow link the wasm
// compiles while the page's code is still arriving, instead of after it has run.
import { loadAttention, simdSupported } from '../core/attention.js';
import { initialLanguage, prefetchLanguage } from './i18n.js';

// SIMD128 (scalar where the engine lacks it), not relaxed SIMD: the page shows traces, which are
// bit-identical in every build, and this build is lighter and the one web/sw.js caches on the
// first visit.
const coreLoad = loadAttention({ simd: simdSupported() });
coreLoad.catch(() => { /* main() reports it, in the page's language */ });
prefetchLanguage(initialLanguage());   // 中文's texts, a chunk of their own, when the page opens in 中文

const { main } = await import('./main.js');
main(coreLoad);
