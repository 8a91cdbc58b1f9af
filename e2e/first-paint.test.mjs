// The default scenario's first picture, drawn at build time into index.html (scripts/prerender.mjs)
// in each language and layout: on screen before any WebAssembly runs when the page opens on exactly
// that scenario, never when it opens on anything else, and the same picture the first module draws
// in its place.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launchBrowser, openPage, pageStarted, addressWritten, STRICT_CSP } from './serve.mjs';

let browser, server, linkToDefault;
before(async () => {
  browser = await launchBrowser();
  server = await serve({ prefix: '/docs/tools/ami/' });
  // The address the page writes for the default scenario: what a reader copies and shares.
  const page = await openPage(browser, server.base);
  await pageStarted(page);
  await addressWritten(page);
  linkToDefault = page.url();
  await page.context().close();
  assert.match(linkToDefault, /[?&]s=/);
});
after(async () => { await browser?.close(); await server?.close(); });

/** Opens the page with no WebAssembly at all (every .wasm request held): what is on screen is what
 * index.html brought. `prepare` runs in the page before anything else (storage, for instance). */
async function withoutWasm(url, { prepare, arg, ...options } = {}) {
  const page = await openPage(browser, null, options);
  await page.route('**/*.wasm', () => {});
  if (prepare) await page.addInitScript(prepare, arg);
  await page.goto(url);
  await page.waitForLoadState('load');
  return page;
}

const volumes = (page) => page.locator('svg[role=img] g.chip').count();

test('a first visit shows the default outcome before any WebAssembly has run', async () => {
  const page = await withoutWasm(server.base);
  const picture = page.getByRole('img', { name: /RunInstances/ });
  await picture.waitFor({ timeout: 5000 });
  assert.equal(await volumes(page), 4);
  assert.match(await page.locator('.verdict').innerText(), /RunInstances is accepted/);
  // Inert, and saying that the controls are coming, exactly as the first module's picture does.
  assert.equal(await page.evaluate(() => document.querySelector('.first-picture').inert), true);
  assert.match(await page.locator('.editor').innerText(), /The controls are on their way/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// Each language at each layout's width: 繁體中文 from the browser's own language.
const variants = [
  ['en', 'wide', { viewport: { width: 1280, height: 900 } }],
  ['en', 'compact', { viewport: { width: 390, height: 844 } }],
  ['zh-TW', 'wide', { viewport: { width: 1280, height: 900 }, locale: 'zh-TW' }],
  ['zh-TW', 'compact', { viewport: { width: 390, height: 844 }, locale: 'zh-TW' }],
];

for (const [lang, layout, options] of variants) {
  test(`the picture from the build is the one the first module draws, and it takes its place in one go (${lang}, ${layout})`, async () => {
    const page = await openPage(browser, null, options);
    // The page module is held: the first module's picture stays.
    await page.route('**/page_bg.wasm', () => {});
    await page.addInitScript(() => {
      window.seen = [];
      new MutationObserver(() => {
        const pictures = document.querySelectorAll('.first-picture').length;
        if (pictures !== window.seen.at(-1)) window.seen.push(pictures);
        window.builtSeen ||= document.querySelector('.first-picture.prerendered') !== null;
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(server.base);
    await page.locator('.first-picture:not(.prerendered) svg[role=img] g.chip').first().waitFor({ timeout: 15000 });
    const { built, drawn, prerendered, seen, builtSeen } = await page.evaluate(async ([lang, layout]) => {
      const html = await (await fetch(location.href)).text();
      const template = new DOMParser().parseFromString(html, 'text/html')
        .querySelector(`template.first-paint[data-lang="${lang}"][data-layout="${layout}"]`);
      const part = (root, selector) => root.querySelector(selector)?.outerHTML.replaceAll(' settled', '');
      const parts = (root) => ['.masthead', '.bar', '.editor', '.verdict', 'figure.diagram'].map((s) => part(root, s));
      return {
        built: parts(template.content),
        drawn: parts(document.querySelector('.first-picture')),
        prerendered: document.querySelectorAll('.prerendered').length,
        seen: window.seen,
        builtSeen: window.builtSeen,
      };
    }, [lang, layout]);
    assert.equal(builtSeen, true, 'the build\'s picture was on the page first');
    assert.ok(built.every(Boolean), 'the build wrote a whole first picture');
    assert.deepEqual(drawn, built);
    assert.equal(prerendered, 0, 'the picture from the build is gone');
    // None until the build's picture is put on the page; from then on never two, never none.
    assert.deepEqual(seen.slice(seen.indexOf(1)), [1]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test('in 繁體中文 and in a narrow window, the build\'s picture is in that language and layout, from the first paint', async () => {
  const cases = [
    ['a browser in 繁體中文', server.base, { locale: 'zh-TW' }, 'zh-TW', /RunInstances 被接受/],
    ['繁體中文 chosen, in a browser in German', server.base, { locale: 'de-DE', prepare: () => localStorage.setItem('ami-explainer:lang', 'zh-TW') }, 'zh-TW', /RunInstances 被接受/],
    ['a narrow window', server.base, { viewport: { width: 390, height: 844 } }, 'en', /RunInstances is accepted/],
  ];
  for (const [name, url, options, lang, verdict] of cases) {
    const page = await withoutWasm(url, options);
    assert.equal(await volumes(page), 4, name);
    assert.match(await page.locator('.verdict').innerText(), verdict, name);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang, name);
    if (lang === 'zh-TW') assert.equal(await page.title(), 'AMI 加密說明工具', name);
    // The diagram stacks, as the first module draws it at this width.
    const wide = await page.evaluate(() => document.querySelector('svg[role=img]').viewBox.baseVal.width > 600);
    assert.equal(wide, (options.viewport?.width ?? 1280) >= 700, name);
    await page.context().close();
  }
});

test('a link to the default scenario gets the build\'s picture, whatever else is saved, and with parameters the page does not read', async () => {
  const link = new URL(linkToDefault);
  link.searchParams.set('utm_source', 'wiki');
  const zh = new URL(linkToDefault);
  zh.searchParams.set('lang', 'zh-TW');
  const cases = [
    ['the link', linkToDefault, {}, 'en'],
    ['the link, with other work saved', link.href, { prepare: () => localStorage.setItem('ami-explainer:scenario:v1', '2~c0') }, 'en'],
    ['the link in 繁體中文', zh.href, {}, 'zh-TW'],
    ['no scenario, a campaign tag', `${server.base}?utm_source=wiki&embed=0`, {}, 'en'],
  ];
  for (const [name, url, options, lang] of cases) {
    const page = await withoutWasm(url, options);
    assert.equal(await volumes(page), 4, name);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang, name);
    await page.context().close();
  }
});

test('a link to another scenario, other saved work, a note from this tab, an embed, a quiz or presenter mode: no picture from the build', async () => {
  const cases = [
    ['a link', `${server.base}?s=2~l0`, {}],
    ['a link with an empty scenario', `${server.base}?s=`, {}],
    ['a link to the default scenario, one letter changed', linkToDefault.replace(/(s=[^&]*)(.)/, (_, a, c) => a + (c === '0' ? '1' : '0')), {}],
    ['an embed', `${server.base}?embed=1`, {}],
    ['an embed of the default scenario', `${linkToDefault}&embed`, {}],
    ['a quiz', `${server.base}?quiz=1`, {}],
    ['presenter mode', `${linkToDefault}&present=examples.1`, {}],
    ['another saved scenario', server.base, { prepare: () => localStorage.setItem('ami-explainer:scenario:v1', '2~c0') }],
    ['another saved scenario, 繁體中文, narrow', server.base, { locale: 'zh-TW', viewport: { width: 390, height: 844 }, prepare: () => localStorage.setItem('ami-explainer:scenario:v1', '2~c0') }],
    ['a note from this tab', server.base, { prepare: () => sessionStorage.setItem('ami-explainer:unwritten:v1', 'x') }],
  ];
  const shown = [];
  for (const [name, url, options] of cases) {
    const page = await withoutWasm(url, options);
    if (await volumes(page) > 0) shown.push(name);
    await page.context().close();
  }
  assert.deepEqual(shown, []);
});

test('the default scenario saved, English chosen and a dark theme: the picture from the build, in the theme', async () => {
  const page = await withoutWasm(server.base, { locale: 'de-DE', prepare: () => {
    localStorage.setItem('ami-explainer:lang', 'en');
    localStorage.setItem('ami-explainer:theme', 'dark');
  } });
  assert.equal(await volumes(page), 4);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  // The tool bar's copy shows the theme too, as the bar will.
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('.bar select')].map((s) => s.value).join(' ')), 'en dark');
  await page.context().close();
  // A visitor who left the default scenario as it was finds it drawn at once next time.
  const first = await openPage(browser, server.base);
  await pageStarted(first);
  const saved = await first.evaluate(() => localStorage.getItem('ami-explainer:scenario:v1'));
  await first.context().close();
  const again = await withoutWasm(server.base, { prepare: (value) => localStorage.setItem('ami-explainer:scenario:v1', value), arg: saved });
  assert.equal(await volumes(again), 4);
  await again.context().close();
});

test('a first module that cannot start is told: not left "on its way", and not a blank page', async () => {
  // Regression: with the first module's WebAssembly missing, the build's picture said "the
  // controls are on their way" for ever, and a link showed a blank page.
  const page = await openPage(browser, null);
  await page.route('**/ami-encryption-explainer-*_bg.wasm', (route) => route.abort());
  await page.goto(server.base);
  await page.getByRole('alert').filter({ hasText: 'The controls could not be loaded' }).waitFor({ timeout: 5000 });
  assert.match(await page.locator('.verdict').innerText(), /RunInstances is accepted/);
  assert.deepEqual(await page.evaluate(() => [
    document.querySelector('.first-picture').inert, document.querySelector('.bar').inert,
    document.querySelector('.editor').getAttribute('aria-busy'), document.querySelectorAll('.editor-loading').length,
  ]), [false, true, null, 0]);
  // The bar's copy has nothing behind it: no button shows.
  assert.equal(await page.locator('.bar .tool').first().isVisible(), false);
  await page.context().close();

  // A host whose Content-Security-Policy forgot 'wasm-unsafe-eval': the browser refuses to compile.
  const refusing = await serve({ headers: { 'content-security-policy': STRICT_CSP.replace(" 'wasm-unsafe-eval'", '') } });
  try {
    for (const [query, said, lang] of [
      ['?s=2~l0', /This page could not start.*'wasm-unsafe-eval'/, 'en'],
      ['?s=2~l0&lang=zh-TW', /此頁面無法啟動/, 'zh-TW'],
      // The build's picture in 繁體中文 stands: only its controls are missing, said in its language.
      ['?lang=zh-TW', /編輯控制項無法載入/, 'zh-TW'],
    ]) {
      const refused = await openPage(browser, null);
      await refused.goto(refusing.base + query);
      const alert = refused.getByRole('alert');
      await alert.waitFor({ timeout: 5000 });
      assert.match(await alert.innerText(), said);
      assert.equal(await refused.evaluate(() => document.documentElement.lang), lang);
      assert.equal(await refused.getByRole('alert').count(), 1, 'said once');
      await refused.context().close();
    }
  } finally {
    await refusing.close();
  }
});

test('an error before the first module has started, which it then survives, is not left on screen', async () => {
  // The start script cannot know that an error is not the module's: the module takes the word back.
  const page = await openPage(browser, null);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/ami-encryption-explainer-*_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(`${server.base}?s=2~l0`);
  await page.evaluate(() => dispatchEvent(new ErrorEvent('error', { message: 'something else failed' })));
  await page.getByRole('alert').filter({ hasText: 'This page could not start' }).waitFor({ timeout: 5000 });
  release();
  await pageStarted(page);
  assert.equal(await page.locator('.start-failed').count(), 0);
  await page.context().close();
});
