// errata.test.mjs — the "In the material" panels: every erratum of every preset appears at its
// step, with the figure the material printed (as printed) next to the correct one (the core's
// value for the preset's own numbers, or the correct text), and why; none appears elsewhere.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startSite, openApp, waitForStep, setHash, waitFor, assertClean, run, core, presets, presetById,
  STEP_IDS, formatNumber, wholeNumbers, pick, textParts,
} from './harness.mjs';

let site, page;
before(async () => {
  site = await startSite();
  page = await site.newPage();
});
after(async () => site?.close());

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
        correctTable: cellsOf(e.querySelector('.correct table')),
        correctText: e.querySelector('.correct .correct-text')?.textContent ?? null,
        correctNumber: e.querySelector('.correct .correct-number')?.textContent ?? null,
        why: e.querySelector('.why')?.textContent ?? null,
      })),
    };
  });
}

// The value the panel must show for correct.field: the core's trace of the preset's own numbers,
// with the preset's heads, mask and scale (as web/js/site/model.js presetTrace + steps.js correctValue).
function correctValue(preset, field) {
  let trace;
  if (preset.form === 'qkv') {
    const single = core.attention({ q: preset.q, k: preset.k, v: preset.v, mask: preset.mask ?? 'none', scale: preset.scale ?? undefined });
    trace = { q: preset.q, k: preset.k, v: preset.v, heads: [single], concat: single.output, output: single.output };
  } else {
    trace = run(preset);
  }
  if (['q', 'k', 'v', 'concat'].includes(field) && trace[field]) return trace[field];
  const head = trace.heads[0];
  return field in head ? head[field] : trace[field];
}

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

  for (const preset of presets) {
    it(`${preset.id}: each erratum at its step, and only there`, async () => {
      await openApp(page, site, `#${encodeURIComponent(preset.id)}/input`);
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
        assert.ok(panel.title.includes(`(${here.length})`), `${where}: the title counts the errata: "${panel.title}"`);
        assert.equal(panel.items.length, here.length, `${where}: ${here.length} errata expected, ${panel.items.length} shown`);
        here.forEach((e, n) => {
          const got = panel.items[n];
          const what = `${where} erratum ${n + 1}`;
          if (e.section) {
            const section = pick(e.section, 'en');
            assert.ok(got.printedHeading.includes(section), `${what}: the heading names §${section}: "${got.printedHeading}"`);
          }
          if (e.printed.text) {
            assert.ok(got.printedText !== null, `${what}: the printed text is shown`);
            includesParts(got.printedText, e.printed.text, `${what} printed text`);
          }
          assert.equal(got.translated, e.printed.quoteEn ?? null, `${what}: a Chinese quote has its English translation on the English page`);
          if (e.printed.matrix) assert.deepEqual(got.printedTable, asPrinted(e.printed.matrix), `${what}: the printed matrix as printed`);
          if (e.correct.field) {
            const value = correctValue(preset, e.correct.field);
            assert.ok(value !== undefined, `${what}: correct.field "${e.correct.field}" is a field of the core's trace`);
            if (Array.isArray(value)) assert.deepEqual(got.correctTable, formatted(value), `${what}: the correct ${e.correct.field} from the core`);
            else assert.equal(got.correctNumber, formatNumber(value, 4, false), `${what}: the correct ${e.correct.field}`);
          }
          if (e.correct.text) {
            assert.ok(got.correctText !== null, `${what}: the correct text is shown`);
            includesParts(got.correctText, pick(e.correct.text, 'en'), `${what} correct text`);
          }
          assert.ok(e.printed.text || e.printed.matrix, `${what}: the preset gives a printed figure`);
          assert.ok(got.correctTable || got.correctText || got.correctNumber, `${what}: something correct is shown beside the printed figure`);
          includesParts(got.why ?? '', pick(e.why, 'en'), `${what} why`);
          shown++;
        });
      }
      assert.equal(shown, errata.length, `${preset.id}: every erratum was shown once`);
      assertClean(page, `${preset.id} errata`);
    });
  }

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
