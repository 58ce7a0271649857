// language.test.mjs — English / 中文: the switch changes every piece of lesson text and the
// interface, Chinese text is Chinese (CJK) and English lesson text has none, and the choice is
// remembered (localStorage 'attention-steps-lang') across a reload.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { siteForFile, openApp, waitForStep, waitFor, setHash, assertClean, defaultPreset, STEP_IDS, CJK, lessonSteps, pick, textParts } from './harness.mjs';

const { site, page } = await siteForFile();

// The lesson parts of the screen (not the numbers, token names or quotations of the material).
function lessonText(p) {
  return p.evaluate(() => {
    const text = (sel) => [...document.querySelectorAll(sel)].map((n) => {
      const copy = n.cloneNode(true);
      for (const math of copy.querySelectorAll('.katex')) math.remove();   // TeX is the same in both
      return copy.textContent.trim();
    }).join('\n');
    return {
      lang: document.documentElement.lang,
      pressed: [...document.querySelectorAll('#language button')].filter((b) => b.getAttribute('aria-pressed') === 'true').map((b) => b.dataset.lang),
      title: text('#step-title'),
      lesson: text('#step .lesson'),
      change: text('#step .change'),
      list: text('#step-list'),
      ui: [text('#prev'), text('#next'), text('#progress-text'), text('#settings summary'), text('#preset-label'), text('#explanation h3')].join(' | '),
      intro: text('#preset-intro .summary'),
      stored: localStorage.getItem('attention-steps-lang'),
    };
  });
}

async function choose(p, lang) {
  await p.click(`#language button[data-lang="${lang}"]`);
  await waitFor(p, (l) => document.querySelector('#step section.step')?.dataset.lang === l, lang);
}

describe('English / 中文', () => {
  it('the switch changes the lesson text of every step and the interface', async () => {
    await openApp(page, site, `#${encodeURIComponent(defaultPreset.id)}/input`, { clearStorage: true });
    for (const step of STEP_IDS) {
      await setHash(page, `${encodeURIComponent(defaultPreset.id)}/${step}`);
      await waitForStep(page, step);
      await choose(page, 'en');
      const en = await lessonText(page);
      await choose(page, 'zh');
      const zh = await lessonText(page);
      const lesson = lessonSteps.find((s) => s.id === step);
      assert.equal(en.lang, 'en');
      assert.equal(zh.lang, 'zh-CN');
      assert.deepEqual(en.pressed, ['en']);
      assert.deepEqual(zh.pressed, ['zh']);
      for (const part of ['title', 'lesson', 'change', 'list', 'ui', 'intro']) {
        assert.notEqual(en[part], zh[part], `${step}: ${part} changes with the language`);
        assert.ok(CJK.test(zh[part]), `${step}: ${part} in 中文 is Chinese: "${zh[part].slice(0, 60)}"`);
      }
      for (const part of ['title', 'lesson', 'change', 'list', 'ui']) {
        assert.ok(!CJK.test(en[part]), `${step}: ${part} in English has no CJK: "${en[part].match(new RegExp(`.{0,30}${CJK.source}.{0,30}`))?.[0]}"`);
      }
      for (const p of textParts(pick(lesson.body, 'zh')[0])) assert.ok(zh.lesson.includes(p), `${step}: the 中文 body from lessons.js ("${p.slice(0, 30)}")`);
      for (const p of textParts(pick(lesson.body, 'en')[0])) assert.ok(en.lesson.includes(p), `${step}: the English body from lessons.js ("${p.slice(0, 30)}")`);
    }
    assertClean(page, 'switch');
  });

  it('the choice is remembered after a reload, both ways', async () => {
    await openApp(page, site, `#${encodeURIComponent(defaultPreset.id)}/scores`, { clearStorage: true });
    assert.equal((await lessonText(page)).lang, 'en', 'English first (browser locale en-US, nothing stored)');
    await choose(page, 'zh');
    assert.equal((await lessonText(page)).stored, 'zh');
    await page.reload();
    await waitFor(page, () => document.body.dataset.ready === 'true', null, 15_000);
    let now = await lessonText(page);
    assert.equal(now.lang, 'zh-CN', 'still 中文 after the reload');
    assert.deepEqual(now.pressed, ['zh']);
    assert.ok(CJK.test(now.lesson));
    await choose(page, 'en');
    await openApp(page, site, `#${encodeURIComponent(defaultPreset.id)}/scores`);
    now = await lessonText(page);
    assert.equal(now.lang, 'en', 'English again after a reload');
    assert.ok(!CJK.test(now.lesson));
    assertClean(page, 'remembered');
  });

  it('messages follow the language too (a bad cell in 中文)', async () => {
    await openApp(page, site, `#${encodeURIComponent(defaultPreset.id)}/input`, { clearStorage: true });
    await choose(page, 'zh');
    const name = defaultPreset.form === 'qkv' ? 'q' : 'x';
    await page.fill(`#step input[data-matrix="${name}"][data-i="0"][data-j="0"]`, 'abc');
    await waitFor(page, () => document.querySelector('#messages .input-problem li') !== null);
    const message = await page.textContent('#messages .input-problem li');
    assert.ok(CJK.test(message) && message.includes('abc'), `a Chinese message naming the text: "${message}"`);
    await choose(page, 'en');
    assert.match(await page.textContent('#messages .input-problem li'), /holds “abc”, which is not a number/);
    assertClean(page, 'zh messages');
  });
});
