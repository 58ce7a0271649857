// The page's side of typed errors: every code of attention.d.ts has a 中文 text with its place,
// and model.js locates a problem by the error's matrix/row/col/option, not by its words.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AttentionError } from '../../web/js/core/attention.js';
import { repoRoot } from './helpers.mjs';

globalThis.document ??= { documentElement: {} };
const { setLanguage, localizeCoreMessage } = await import('../../web/js/walkthrough/i18n.js');
const { locateError, compute } = await import('../../web/js/walkthrough/model.js');
const { builds } = await import('./helpers.mjs');

const declared = readFileSync(`${repoRoot}web/js/core/attention.d.ts`, 'utf8');
const codes = [...declared.match(/export type AttentionErrorCode =([^;]+);/)[1].matchAll(/'(\w+)'/g)].map((m) => m[1]);

describe('error codes on the page', () => {
  it('attention.d.ts declares the codes, and each is documented there', () => {
    assert.ok(codes.length >= 10, codes.join());
    for (const code of codes) assert.match(declared, new RegExp(`\\* - \`${code}\``), code);
  });

  it('every code has a 中文 text, with the place filled in; English keeps the message', async () => {
    await setLanguage('zh');
    try {
      for (const code of codes) {
        const text = localizeCoreMessage({ message: 'english', code, place: { matrix: 'wq', row: 1, col: 2 } });
        assert.match(text, /[\u4e00-\u9fff]/, `${code}: "${text}"`);
      }
      assert.match(localizeCoreMessage({ message: 'x', code: 'not_a_number', place: { matrix: 'q', row: 1, col: 0 } }), /^Q\[1\]\[0\] /);
      assert.match(localizeCoreMessage({ message: 'x', code: 'ragged', place: { matrix: 'k', row: 2 } }), /^K 第 2 行/);
    } finally {
      await setLanguage('en');
    }
    assert.equal(localizeCoreMessage({ message: 'K has 3 columns but Q has 2; Q·Kᵀ needs equal widths', code: 'shape_mismatch', place: { matrix: 'k' } }),
      'K has 3 columns but Q has 2; Q·Kᵀ needs equal widths');
  });

  it('a problem that is a plain string, or has a code without a 中文 text, shows its own words in either language', async () => {
    for (const lang of ['zh', 'en']) {
      await setLanguage(lang);
      try {
        assert.equal(localizeCoreMessage('the cell is empty'), 'the cell is empty', lang);
        assert.equal(localizeCoreMessage({ message: 'something new', code: 'no_such_code', place: {} }), 'something new', lang);
        assert.equal(localizeCoreMessage({ code: 'no_such_code' }), '', `${lang}: no words at all`);
      } finally {
        await setLanguage('en');
      }
    }
  });

  it('locateError uses the place alone (an error whose words say nothing still points at its cell)', () => {
    assert.deepEqual(locateError(new AttentionError('not_finite', 'no words', { matrix: 'k', row: 1, col: 0 }), 'qkv'), { matrix: 'k', i: 1, j: 0 });
    assert.deepEqual(locateError(new AttentionError('ragged', 'Q[5][5] looks like a cell', { matrix: 'k', row: 1 }), 'qkv'), { matrix: 'k' });
    assert.deepEqual(locateError(new AttentionError('heads_not_divisor', '', { option: 'heads' }), 'x'), { control: 'heads' });
    assert.deepEqual(locateError(new AttentionError('shape_mismatch', '', { option: 'mask' }), 'qkv'), { control: 'mask' });
    assert.deepEqual(locateError(new AttentionError('shape_mismatch', 'K has …', { matrix: 'k' }), 'x'), {}, 'K is not an input of the x form');
    assert.deepEqual(locateError(new AttentionError('overflow', 'Q[0][0] (of X·W_Q) overflowed'), 'x'), {});
  });

  it('compute() keeps code and place of the core\'s error', () => {
    const state = {
      inputs: { q: [['1', '2']], k: [['1', '2', '3']], v: [['1']] }, heads: 1, mask: 'none', scale: { mode: 'default' },
    };
    const { problem } = compute(builds.simd128, 'qkv', state);
    assert.equal(problem.code, 'shape_mismatch');
    assert.deepEqual(problem.where, { matrix: 'k' });
    assert.equal(problem.message, 'K has 3 columns but Q has 2; Q·Kᵀ needs equal widths');
  });
});
