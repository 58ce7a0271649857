// modulepreload.mjs — writes into <site>/index.html, between its "preload:" comment lines, a
// <link rel="modulepreload"> for every file of the walk-through's bundle that a first visit loads
// (js/bundle/start.js, the page it imports and their chunks: scripts/bundle.mjs), and a preload of
// the WebAssembly build the walk-through loads (its glue module and its wasm). Without them the
// browser finds the chunks one level at a time, a round trip per level, and the wasm only once the
// bundle has run. tests/node/typeset.test.mjs checks the list equals the bundle's first visit.
//   node scripts/modulepreload.mjs [site folder, default web]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWalkthrough } from './bundle.mjs';

// The build start.js loads (loadAttention({ simd: simdSupported() }): SIMD128 in every browser this
// site targets), as attention.js names its files: wasm/attention-<file>.{js,wasm}.
const WALKTHROUGH_BUILD = 'simd';
const BEGIN = '<!-- preload: written by scripts/modulepreload.mjs -->';
const END = '<!-- /preload -->';

/** The lines of the preload block for the site at `root`. */
export async function preloadLines(root) {
  const { firstVisit } = await bundleWalkthrough(root, { write: false });
  return [
    ...firstVisit.map((path) => `<link rel="modulepreload" href="${path}">`),
    `<link rel="modulepreload" href="wasm/attention-${WALKTHROUGH_BUILD}.js">`,
    // The glue fetches it with credentials: 'same-origin', as crossorigin (anonymous) asks.
    `<link rel="preload" href="wasm/attention-${WALKTHROUGH_BUILD}.wasm" as="fetch" type="application/wasm" crossorigin>`,
  ];
}

/** The links of the block in index.html's text, or null without a block. */
export function preloadBlock(html) {
  const begin = html.indexOf(BEGIN), end = html.indexOf(END);
  if (begin < 0 || end < begin) return null;
  return html.slice(begin + BEGIN.length, end).split('\n').map((line) => line.trim()).filter(Boolean);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? 'web';
  const file = join(root, 'index.html');
  const html = readFileSync(file, 'utf8');
  const begin = html.indexOf(BEGIN), end = html.indexOf(END);
  if (begin < 0 || end < begin) {
    console.error(`modulepreload: ${file} has no "${BEGIN}" … "${END}" block in its <head>`);
    process.exit(1);
  }
  const indent = html.slice(html.lastIndexOf('\n', begin) + 1, begin);
  const lines = await preloadLines(root);
  const next = `${html.slice(0, begin + BEGIN.length)}\n${lines.map((line) => `${indent}${line}`).join('\n')}\n${indent}${html.slice(end)}`;
  if (next !== html) writeFileSync(file, next);
  console.log(`modulepreload: ${lines.length} preloads in ${file}`);
}
