// token-view.test.mjs — the token view (web/js/walkthrough/token-view.js) on the softmax, weighted-sum,
// multi-head and mask steps: one link per visible (query, key) pair and head, whose data-weight is
// exactly the weights table's number (the core's) and whose opacity rises with it; masked pairs
// have no link; each head its own colour; pointing at a token lights its heatmap row and shows
// only its links, pointing at a heatmap cell shows its link; the tokens are reachable by keyboard
// and have a text alternative; no sideways scroll at 375 px; axe-core finds nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  siteForFile, openApp, waitFor, screenshot, assertClean, readTables, presets, presetById, VIEWPORTS, core, axeViolations,
} from './harness.mjs';
const VIEW_STEPS = ['softmax', 'output', 'multihead', 'mask'];

const { site, desktop, phone } = await siteForFile({ desktop: VIEWPORTS.desktop, phone: VIEWPORTS.phone });

/** Every token view of the step: its tables, and its links with their attributes. */
function readViews(page) {
  return page.evaluate(() => [...document.querySelectorAll('#step [data-token-view]')].map((box) => ({
    id: box.dataset.tokenView,
    tables: box.dataset.tables.split(' '),
    queries: box.querySelectorAll('.tv-token[data-side="query"]').length,
    keys: box.querySelectorAll('.tv-token[data-side="key"]').length,
    colours: [...box.querySelectorAll('g.tv-head')].map((g) => g.getAttribute('stroke')),
    links: [...box.querySelectorAll('line.tv-link')].map((line) => ({
      query: Number(line.dataset.query), key: Number(line.dataset.key), head: Number(line.dataset.head),
      weight: line.dataset.weight, opacity: Number(line.getAttribute('stroke-opacity')), width: Number(line.getAttribute('stroke-width')),
    })),
    text: box.querySelector('.tv-text')?.textContent ?? '',
  })));
}

const cellValue = (tables, key, i, j) => tables[key]?.cells.find((c) => c.i === i && c.j === j)?.value;

/**
 * Checks one step's views against its weights tables; returns the number of links checked. A pair
 * is masked when the view's table is causal ('weights-causal', or the example's own mask on the
 * other steps) and the key comes after the query.
 */
function checkViews(views, tables, where, presetMask) {
  let checked = 0;
  assert.ok(views.length > 0, `${where}: a token view`);
  for (const view of views) {
    assert.ok(view.text.length > 0, `${where}: ${view.id} has a text alternative`);
    view.tables.forEach((key, h) => {
      const table = tables[key];
      assert.ok(table, `${where}: ${view.id} follows table ${key}, which is on screen`);
      const links = view.links.filter((l) => l.head === h);
      const causal = key.endsWith('-causal') || (!key.endsWith('-none') && presetMask === 'causal');
      let visible = 0;
      for (const cell of table.cells) {
        const matching = links.filter((l) => l.query === cell.i && l.key === cell.j);
        if (causal && cell.j > cell.i) {
          assert.equal(matching.length, 0, `${where}: masked pair (${cell.i}, ${cell.j}) has no link`);
          continue;
        }
        assert.equal(matching.length, 1, `${where}: one link for (${cell.i}, ${cell.j}) of head ${h}`);
        assert.equal(matching[0].weight, cell.value, `${where}: link (${cell.i}, ${cell.j}) data-weight equals the table's`);
        visible++;
      }
      assert.equal(links.length, visible, `${where}: ${key}: one link per visible pair, no more`);
      checked += visible;
      // Opacity and width rise with the weight.
      const sorted = [...links].sort((a, b) => Number(a.weight) - Number(b.weight));
      for (let k = 1; k < sorted.length; k++) {
        const [a, b] = [sorted[k - 1], sorted[k]];
        if (Number(b.weight) > Number(a.weight)) {
          assert.ok(b.opacity > a.opacity && b.width > a.width,
            `${where}: weight ${b.weight} > ${a.weight} but opacity ${b.opacity} vs ${a.opacity}, width ${b.width} vs ${a.width}`);
        } else {
          assert.equal(b.opacity, a.opacity, `${where}: equal weights, equal opacity`);
        }
      }
    });
    assert.equal(new Set(view.colours).size, view.colours.length, `${where}: ${view.id} heads have distinct colours ${view.colours}`);
  }
  return checked;
}

describe('token view', () => {
  it('every preset: data-weight equals the weights table (the core\'s numbers), opacity rises with weight', async () => {
    let links = 0;
    for (const preset of presets) {
      for (const step of VIEW_STEPS) {
        await openApp(desktop, site, `#${encodeURIComponent(preset.id)}/${step}`);
        const views = await readViews(desktop);
        if (step === 'multihead' && views.length === 0) {
          // Only when the heads do not split this example's widths (the step says why).
          assert.ok(await desktop.$('#step .local-message'), `${preset.id}/${step}: no view and no message`);
          continue;
        }
        links += checkViews(views, await readTables(desktop), `${preset.id}/${step}`, preset.mask ?? 'none');
      }
    }
    assert.ok(links > 300, `links checked: ${links}`);
    assertClean(desktop, 'token view numbers');
  });

  it('the weights are the core\'s: the default heads of own-2-heads, computed in Node', async () => {
    const preset = presetById('own-2-heads');
    await openApp(desktop, site, '#own-2-heads/multihead');
    const [view] = await readViews(desktop);
    const r = core.selfAttention({ x: preset.x, wq: preset.wq, wk: preset.wk, wv: preset.wv, wo: preset.wo ?? null, heads: preset.heads });
    assert.equal(view.colours.length, 2, 'two heads, two colours');
    for (const link of view.links) {
      assert.ok(Number(link.weight) === r.heads[link.head].weights[link.query][link.key], `head ${link.head} (${link.query}, ${link.key})`);
    }
    assert.equal(view.links.length, 2 * 3 * 3);
  });

  it('masked pairs have no link (own-causal-4, the causal view): n(n+1)/2 links', async () => {
    await openApp(desktop, site, '#own-causal-4/mask');
    const views = await readViews(desktop);
    const causal = views.find((v) => v.id === 'mask-causal');
    const none = views.find((v) => v.id === 'mask-none');
    assert.equal(none.links.length, 16);
    assert.equal(causal.links.length, 10);
    assert.ok(causal.links.every((l) => l.key <= l.query), 'no link to a later token');
    await screenshot(desktop, 'token-view-mask-en-desktop');
  });

  it('hover sync both ways, focus by keyboard, a pinned token', async () => {
    await openApp(desktop, site, '#own-causal-4/softmax');
    const visibleLinks = () => desktop.evaluate(() => [...document.querySelectorAll('[data-token-view="softmax"] line.tv-link')]
      .filter((l) => getComputedStyle(l).visibility !== 'hidden').map((l) => `${l.dataset.query},${l.dataset.key}`));
    const litCells = () => desktop.evaluate(() => [...document.querySelectorAll('td.tv-lit')].map((td) => `${td.dataset.key}:${td.dataset.i},${td.dataset.j}`));

    assert.equal((await visibleLinks()).length, 10, 'all links before pointing');
    // token -> heatmap: its row lights, only its links stay
    await desktop.hover('[data-token-view="softmax"] .tv-token[data-side="query"][data-index="2"]');
    assert.deepEqual((await visibleLinks()).sort(), ['2,0', '2,1', '2,2']);
    assert.deepEqual((await litCells()).sort(), ['weights:2,0', 'weights:2,1', 'weights:2,2', 'weights:2,3']);
    await screenshot(desktop, 'token-view-hover-token-en-desktop');
    // a key token shows its column
    await desktop.hover('[data-token-view="softmax"] .tv-token[data-side="key"][data-index="1"]');
    assert.deepEqual((await visibleLinks()).sort(), ['1,1', '2,1', '3,1']);
    // heatmap -> view: the cell's link is the one marked
    await desktop.hover('#step td[data-key="weights"][data-i="3"][data-j="1"]');
    const hot = await desktop.evaluate(() => [...document.querySelectorAll('[data-token-view="softmax"] line.tv-hot')].map((l) => `${l.dataset.query},${l.dataset.key}`));
    assert.deepEqual(hot, ['3,1']);
    assert.deepEqual((await visibleLinks()).sort(), ['3,0', '3,1', '3,2', '3,3']);
    await screenshot(desktop, 'token-view-hover-cell-en-desktop');
    // leaving: everything again
    await desktop.mouse.move(5, 5);
    assert.equal((await visibleLinks()).length, 10, 'all links after the pointer leaves');

    // keyboard: the tokens are buttons in the Tab order; focus shows the row, Enter pins it
    await desktop.focus('[data-token-view="softmax"] .tv-token[data-side="query"][data-index="1"]');
    assert.deepEqual((await visibleLinks()).sort(), ['1,0', '1,1']);
    await desktop.keyboard.press('ArrowDown');
    const focused = await desktop.evaluate(() => document.activeElement.dataset.index);
    assert.equal(focused, '2', '↓ moves to the next query');
    await desktop.keyboard.press('ArrowRight');
    assert.deepEqual(await desktop.evaluate(() => [document.activeElement.dataset.side, document.activeElement.dataset.index]), ['key', '2'], '→ crosses to the keys');
    assert.deepEqual((await visibleLinks()).sort(), ['2,2', '3,2'], 'a key shows its column');
    await desktop.keyboard.press('ArrowLeft');
    assert.equal(await desktop.evaluate(() => document.querySelector('#step section.step').dataset.step), 'softmax', '← → did not change the step');
    const tabStops = await desktop.evaluate(() => document.querySelectorAll('[data-token-view="softmax"] .tv-token[tabindex="0"]').length);
    assert.equal(tabStops, 2, 'one Tab stop per column');
    await desktop.keyboard.press('Enter');
    await desktop.mouse.move(5, 5);
    await desktop.evaluate(() => document.activeElement.blur());
    assert.deepEqual((await visibleLinks()).sort(), ['2,0', '2,1', '2,2'], 'the pinned token keeps its links');
    assertClean(desktop, 'token view hover');
  });

  it('multi-head: a colour per head, a head selector, sync with each head\'s table', async () => {
    await openApp(desktop, site, '#own-2-heads/multihead');
    const views = await readViews(desktop);
    assert.equal(views[0].colours.length, 2);
    await desktop.hover('#step td[data-key="head-1-weights"][data-i="0"][data-j="2"]');
    const hot = await desktop.evaluate(() => [...document.querySelectorAll('[data-token-view] line.tv-hot')].map((l) => `${l.dataset.head}:${l.dataset.query},${l.dataset.key}`));
    assert.deepEqual(hot, ['1:0,2']);
    await desktop.mouse.move(5, 5);
    await desktop.check('[data-token-view="multihead"] input[type="radio"][value="1"]');
    const shown = await desktop.evaluate(() => [...document.querySelectorAll('[data-token-view="multihead"] g.tv-head')]
      .map((g) => getComputedStyle(g).display !== 'none'));
    assert.deepEqual(shown, [false, true], 'only head 2 is drawn');
    await desktop.hover('[data-token-view="multihead"] .tv-token[data-side="query"][data-index="0"]');
    const lit = await desktop.evaluate(() => [...new Set([...document.querySelectorAll('td.tv-lit')].map((td) => td.dataset.key))]);
    assert.deepEqual(lit, ['head-1-weights'], 'the selected head\'s table lights');
    await desktop.check('[data-token-view="multihead"] input[type="radio"][value="all"]');
    await screenshot(desktop, 'token-view-multihead-en-desktop');
    assertClean(desktop, 'multi-head view');
  });

  it('375 px: no sideways scroll on the steps with views, English and 中文; screenshots', async () => {
    for (const lang of ['en', 'zh']) {
      for (const [hash, name] of [['own-causal-4/mask', 'mask'], ['own-2-heads/multihead', 'multihead'], ['001-dog-cat-bird/softmax', 'softmax'], ['004-3x2/output', 'output']]) {
        for (const [page, size] of [[phone, 'phone'], [desktop, 'desktop']]) {
          await openApp(page, site, `#${hash}`);
          if (lang === 'zh') {
            await page.click('#language button[data-lang="zh"]');
            await waitFor(page, () => document.querySelector('#step section.step')?.dataset.lang === 'zh');
          }
          const o = await page.evaluate(() => ({ width: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth }));
          assert.ok(o.scroll <= o.width, `${hash} (${lang}, ${size}): scrollWidth ${o.scroll} > ${o.width}`);
          await page.mouse.move(1, 1);
          await page.keyboard.press('Escape');   // no cell popover over the view
          const slot = await page.$('#step [data-slot="views"]');
          assert.ok(slot, `${hash}: the views slot`);
          await slot.screenshot({ path: `test-artifacts/screenshots/token-view-${name}-${lang}-${size}.png` });
          if (lang === 'zh') {
            const title = await page.textContent('#step [data-token-view] .tv-title');
            assert.match(title, /谁关注谁/, `${hash}: the view's title in 中文`);
          }
          // Reset the language for the next page load.
          if (lang === 'zh') await page.click('#language button[data-lang="en"]');
        }
      }
    }
    assertClean(phone, '375 px');
    assertClean(desktop, 'desktop');
  });

  it('axe-core finds no violation on the steps with token views (and while a token is shown)', async () => {
    for (const hash of ['own-causal-4/softmax', 'own-causal-4/output', 'own-2-heads/multihead', 'own-causal-4/mask', '004-3x2/multihead']) {
      await openApp(desktop, site, `#${hash}`);
      await desktop.hover('#step [data-token-view] .tv-token[data-side="query"][data-index="0"]');
      assert.deepEqual(await axeViolations(desktop), [], hash);
    }
    assertClean(desktop, 'axe');
  });
});
