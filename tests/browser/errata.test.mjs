// errata.test.mjs — the "In the material" panels: every erratum of every preset appears at its
// step, with the figure the material printed (as printed) next to the correct one (the core's
// value for the preset's own numbers, or the correct text), and why; none appears elsewhere.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  siteForFile, openApp, waitForStep, setHash, waitFor, assertClean, presetTrace, core, presets, presetById,
  STEP_IDS, formatNumber, wholeNumbers, pick, textParts,
} from './harness.mjs';
import { printedRunValue } from '../../web/js/walkthrough/demos.js';
import { correctValue as panelValue } from '../../web/js/walkthrough/steps.js';

const { site, page } = await siteForFile();

function readErrata(p) {
  return p.evaluate(() => {
    const panel = document.querySelector('#step details.errata');
    const cellsOf = (table) => table && [...table.rows].map((row) => [...row.cells].map((c) => c.textContent));
    return panel && {
      open: panel.open,
      title: panel.querySelector('summary')?.textContent ?? '',
      notes: [...panel.querySelectorAll(':scope > p.note')].map((n) => n.textContent),
      items: [...panel.querySelectorAll('.erratum')].map((e) => ({
        printedHeading: e.querySelector('.printed h4')?.textContent ?? null,
        printedText: e.querySelector('.printed .printed-text:not(.translated)')?.textContent ?? null,
        translated: e.querySelector('.printed .printed-text.translated')?.textContent ?? null,
        printedTable: cellsOf(e.querySelector('.printed table.printed')),
        printedRunTable: cellsOf(e.querySelector('.printed .printed-run table')),
        correctTable: cellsOf(e.querySelector('.correct table')),
        correctText: e.querySelector('.correct .correct-text')?.textContent ?? null,
        correctNumber: e.querySelector('.correct .correct-number')?.textContent ?? null,
        why: e.querySelector('.why')?.textContent ?? null,
      })),
    };
  });
}

// The value the panel must show for correct.field: the site's own trace of the preset's own
// numbers (model.js presetTrace), the field looked up by the panel's own function (steps.js).
const correctValue = (preset, field) => panelValue({ preset, presetTrace: presetTrace(core, preset) }, field);

// The material's figures exactly as it printed them (0.35 stays 0.35, not 0.3500).
const asPrinted = (m) => m.map((row) => row.map((x) => String(x)));
const formatted = (m) => m.map((row) => row.map((x) => (typeof x === 'number' ? formatNumber(x, 4, wholeNumbers(m)) : String(x))));

function includesParts(text, expected, what) {
  for (const part of textParts(expected)) assert.ok(text.includes(part), `${what}: "${text}" lacks "${part}"`);
}

describe('errata panels', () => {
  it('004-3x2 at "scores": printed 3×2 [[1,2],[3,6],[6,9]] beside the correct 3×3 [[1,2,3],[3,4,7],[5,6,11]]', async (t) => {
    if (!presetById('004-3x2')) return t.skip('no preset 004-3x2');
    await openApp(page, site, '#004-3x2/scores');
    const { items } = await readErrata(page);
    const item = items.find((e) => e.printedTable);
    assert.ok(item, 'an erratum with a printed matrix at "scores"');
    assert.deepEqual(item.printedTable, [['1', '2'], ['3', '6'], ['6', '9']]);
    assert.deepEqual(item.correctTable, [['1', '2', '3'], ['3', '4', '7'], ['5', '6', '11']]);
    assertClean(page, '004 scores errata');
  });

  for (const preset of presets) for (const lang of ['en', 'zh']) {
    it(`${preset.id} (${lang}): each erratum at its step, and only there`, async () => {
      await openApp(page, site, `#${encodeURIComponent(preset.id)}/input`);
      await page.click(`#language button[data-lang="${lang}"]`);
      await waitFor(page, (l) => document.querySelector('#step section.step')?.dataset.lang === l, lang);
      const errata = preset.errata ?? [];
      for (const e of errata) assert.ok(STEP_IDS.includes(e.step), `${preset.id}: an erratum names an unknown step "${e.step}"`);
      let shown = 0;
      for (const step of STEP_IDS) {
        if (step !== 'input') {
          await setHash(page, `${encodeURIComponent(preset.id)}/${step}`);
          await waitForStep(page, step);
        }
        const panel = await readErrata(page);
        const where = `${preset.id}/${step}`;
        const here = errata.filter((e) => e.step === step);
        if (here.length === 0) {
          assert.equal(panel, null, `${where}: no errata section on a step without errata`);
          continue;
        }
        assert.ok(panel, `${where}: the errata section is there`);
        assert.equal(panel.open, false, `${where}: the errata section starts closed`);
        assert.ok(panel.title.includes(`(${here.length})`) || panel.title.includes(`（${here.length}）`), `${where}: the title counts the errata: "${panel.title}"`);
        assert.equal(panel.items.length, here.length, `${where}: ${here.length} errata expected, ${panel.items.length} shown`);
        here.forEach((e, n) => {
          const got = panel.items[n];
          const what = `${where} erratum ${n + 1}`;
          if (e.section) {
            const section = pick(e.section, lang);
            assert.ok(got.printedHeading.includes(section), `${what}: the heading names §${section}: "${got.printedHeading}"`);
          }
          if (e.printed.text) {
            assert.ok(got.printedText !== null, `${what}: the printed text is shown`);
            // The quote as printed; on English pages its English translation may stand beside or for it.
            const quotes = lang === 'en' && e.printed.textEn ? [e.printed.text, e.printed.textEn] : [e.printed.text];
            const shown = quotes.some((q) => textParts(q).every((part) => got.printedText.includes(part)));
            assert.ok(shown, `${what}: "${got.printedText}" shows neither the quote nor its translation`);
          }
          if (e.printed.run) {
            const value = printedRunValue(core, preset, e.printed.run);
            assert.ok(Array.isArray(value), `${what}: printed.run computes a matrix`);
            assert.deepEqual(got.printedRunTable, formatted(value), `${what}: what the code computes, from the core`);
          }
          assert.equal(got.translated, lang === 'en' ? e.printed.textEn ?? null : null, `${what}: a Chinese quote has its English translation on the English page (and none on the Chinese page)`);
          if (e.printed.matrix) assert.deepEqual(got.printedTable, asPrinted(e.printed.matrix), `${what}: the printed matrix as printed`);
          if (e.correct.field) {
            const value = correctValue(preset, e.correct.field);
            assert.ok(value !== undefined, `${what}: correct.field "${e.correct.field}" is a field of the core's trace`);
            if (Array.isArray(value)) assert.deepEqual(got.correctTable, formatted(value), `${what}: the correct ${e.correct.field} from the core`);
            else assert.equal(got.correctNumber, formatNumber(value, 4, false), `${what}: the correct ${e.correct.field}`);
          }
          if (e.correct.text) {
            assert.ok(got.correctText !== null, `${what}: the correct text is shown`);
            includesParts(got.correctText, pick(e.correct.text, lang), `${what} correct text`);
          }
          assert.ok(e.printed.text || e.printed.matrix, `${what}: the preset gives a printed figure`);
          assert.ok(got.correctTable || got.correctText || got.correctNumber, `${what}: something correct is shown beside the printed figure`);
          includesParts(got.why ?? '', pick(e.why, lang), `${what} why`);
          shown++;
        });
      }
      assert.equal(shown, errata.length, `${preset.id}: every erratum was shown once`);
      if (lang !== 'en') {
        await page.click('#language button[data-lang="en"]');
        await waitFor(page, () => document.querySelector('#step section.step')?.dataset.lang === 'en');
      }
      assertClean(page, `${preset.id} errata (${lang})`);
    });
  }

  it('003: the code\u2019s output [[1.0011, 1.1011], [1.0025, 1.1025]] beside the true [[1.0021, 1.1021], [1.0049, 1.1049]], and scaled scores on both sides', async () => {
    await openApp(page, site, '#003-2x2/output');
    let { items } = await readErrata(page);
    const output = items.find((e) => e.printedRunTable);
    assert.deepEqual(output.printedRunTable, [['1.0011', '1.1011'], ['1.0025', '1.1025']]);
    assert.deepEqual(output.correctTable, [['1.0021', '1.1021'], ['1.0049', '1.1049']]);
    await setHash(page, '003-2x2/scores');
    await waitForStep(page, 'scores');
    ({ items } = await readErrata(page));
    const scores = items.find((e) => e.printedRunTable);
    assert.deepEqual(scores.correctTable, [['0.1202', '0.1626'], ['0.2758', '0.3748']]);
    assert.deepEqual(scores.printedRunTable, [['0.1344', '0.1556'], ['0.3041', '0.3536']]);
    assertClean(page, '003 corrected errata');
  });

  it('the order demo: the swap swaps output rows; with positions it no longer does (numbers from the core)', async () => {
    await openApp(page, site, '#own-2-heads/output');
    const tables = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#order-demo figure')].map((f) => [
      f.dataset.key, [...f.querySelectorAll('table.matrix tbody tr, table.matrix tr')].map((tr) => [...tr.querySelectorAll('td:not(.corner)')].map((td) => td.dataset.value ?? td.textContent)).filter((r) => r.length)])));
    const num = (m) => m.map((row) => row.map(Number));
    const out = num(tables['order-output']), swapped = num(tables['order-output-swapped']);
    const pe = num(tables['order-with-positions']), peSwapped = num(tables['order-with-positions-swapped']);
    assert.equal(out.length, 3);
    assert.deepEqual(swapped, [out[1], out[0], out[2]], 'rows 1 and 2 swap, row 3 stays');
    assert.notDeepEqual(peSwapped, [pe[1], pe[0], pe[2]], 'with X + PE the swap changes more than the order');
    const expected = core.positionalEncoding({ x: presetById('own-2-heads').x }).encoding;
    assert.deepEqual(num(tables['order-encoding']), expected, 'PE as the core computes it');
    assertClean(page, 'order demo');
  });

  it('the n² paragraph at "scores" links to the Performance page, in both languages', async () => {
    await openApp(page, site, '#own-cross-2x4/scores');
    for (const lang of ['zh', 'en']) {
      await page.click(`#language button[data-lang="${lang}"]`);
      await waitFor(page, (l) => document.querySelector('#step section.step')?.dataset.lang === l, lang);
      const note = await page.evaluate(() => ({ text: document.querySelector('#cost-note')?.textContent ?? '', href: document.querySelector('#cost-note a')?.getAttribute('href') }));
      assert.match(note.text, lang === 'zh' ? /代价按/ : /The cost grows as/);
      assert.equal(note.href, 'perf.html#n-scaling');
    }
    assertClean(page, 'cost note');
  });

  it('cross-attention runs with n ≠ m: 2 queries over 4 keys', async () => {
    await openApp(page, site, '#own-cross-2x4/softmax');
    const cells = await page.evaluate(() => [...document.querySelectorAll('#step table.matrix[data-key="weights"] td[data-key="weights"][data-i][data-j]')]
      .map((td) => [Number(td.dataset.i), Number(td.dataset.j), td.textContent]));
    const p = presetById('own-cross-2x4');
    const weights = core.attention({ q: p.q, k: p.k, v: p.v }).weights;
    assert.equal(Math.max(...cells.map((c) => c[0])) + 1, 2, 'two rows: one per query');
    assert.equal(Math.max(...cells.map((c) => c[1])) + 1, 4, 'four columns: one per key');
    for (const [i, j, text] of cells) assert.equal(text, formatNumber(weights[i][j], 4), `weight (${i}, ${j}) from the core`);
    assertClean(page, 'cross-attention');
  });

  it('the Performance page has the time-against-n chart the n² paragraph links to', async () => {
    await page.goto(`${site.base}perf.html#n-scaling`);
    await waitFor(page, () => document.querySelectorAll('#n-scaling svg circle').length > 0);
    const chart = await page.evaluate(() => ({
      points: document.querySelectorAll('#n-scaling svg circle').length,
      caption: document.querySelector('#n-scaling figcaption')?.textContent ?? '',
      dashed: [...document.querySelectorAll('#n-scaling svg line')].some((l) => /dasharray/.test(l.getAttribute('style') ?? '')),
    }));
    assert.equal(chart.points, 8, "the README's four sizes for SIMD128 and scalar");
    assert.match(chart.caption, /README/);
    assert.ok(chart.dashed, 'the n² reference line');
    assertClean(page, 'perf n-scaling');
  });

  it('the panels follow the language (中文 why-text at 004 scores)', async (t) => {
    const preset = presetById('004-3x2') ?? presets.find((p) => p.errata?.length);
    if (!preset) return t.skip('no preset with errata');
    const erratum = preset.errata[0];
    await openApp(page, site, `#${encodeURIComponent(preset.id)}/${erratum.step}`);
    await page.click('#language button[data-lang="zh"]');
    await waitFor(page, () => document.querySelector('#step section.step')?.dataset.lang === 'zh');
    const { items } = await readErrata(page);
    includesParts(items[0].why, pick(erratum.why, 'zh'), 'zh why');
    await page.click('#language button[data-lang="en"]');
    await waitFor(page, () => document.querySelector('#step section.step')?.dataset.lang === 'en');
    assertClean(page, 'errata zh');
  });
});
