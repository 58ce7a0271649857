// The minimal page: loads the core and shows every step of 004's 3×2 example, as the core
// computed it. (The full walk-through replaces this page.)
import { loadAttention } from './attention.js';

const example = {
  q: [[1, 2], [3, 4], [5, 6]],
  k: [[1, 0], [0, 1], [1, 1]],
  v: [[2, 0], [0, 2], [2, 2]],
};

const format = (x) => (x === -Infinity ? '−∞' : Number.isInteger(x) ? String(x) : x.toFixed(4));

function matrixFigure(title, matrix) {
  const figure = document.createElement('figure');
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  const shape = document.createElement('span');
  shape.className = 'shape';
  shape.textContent = `${matrix.length}×${matrix[0].length}`;
  caption.append(shape);
  const table = document.createElement('table');
  table.className = 'matrix';
  for (const row of matrix) {
    const tr = table.insertRow();
    for (const value of row) tr.insertCell().textContent = format(value);
  }
  figure.append(caption, table);
  return figure;
}

function step(title, ...figures) {
  const section = document.createElement('section');
  section.className = 'step';
  const heading = document.createElement('h2');
  heading.textContent = title;
  const row = document.createElement('div');
  row.className = 'matrices';
  row.append(...figures);
  section.append(heading, row);
  return section;
}

async function main() {
  const status = document.getElementById('status');
  try {
    const core = await loadAttention();
    const info = core.info();
    document.getElementById('core-build').textContent =
      `${info.build === 'simd128' ? 'WebAssembly SIMD128' : 'WebAssembly scalar'} (v${info.version})`;
    const r = core.attention(example);
    document.getElementById('steps').append(
      step('1. Input', matrixFigure('Q', example.q), matrixFigure('K', example.k), matrixFigure('V', example.v)),
      step('2. Scores Q·Kᵀ', matrixFigure('scores', r.scores)),
      step(`3. Scaled by 1/√d_k = ${r.scale.toFixed(4)}`, matrixFigure('scaled scores', r.scaledScores)),
      step('4. Softmax of each row', matrixFigure('weights', r.weights)),
      step('5. Weighted sum: weights·V', matrixFigure('output', r.output)),
    );
    status.textContent = '';
  } catch (err) {
    status.textContent = `The attention core could not start: ${err.message}`;
    status.className = 'error';
  }
}

main();
