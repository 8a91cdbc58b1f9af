// The built page loads and mounts, at the root and under a sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launchBrowser, openPage, pageStarted } from './serve.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

for (const prefix of ['/', '/docs/tools/ami/']) {
  test(`the page mounts when dist/ is served under ${prefix}`, async () => {
    const server = await serve({ prefix });
    try {
      const page = await openPage(browser, server.base);
      await page.getByRole('heading', { level: 1, name: 'AMI Encryption Explainer' }).waitFor({ timeout: 15000 });
      assert.deepEqual(page.errors, []);
      await page.context().close();
    } finally {
      await server.close();
    }
  });
}

/** Holds the page module's wasm back until the returned function is called. */
async function holdPageModule(page) {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await page.route('**/page_bg.wasm', async (route) => { await gate; await route.continue(); });
  return release;
}

test('the first picture draws the outcome before the page module arrives, then the page takes its place', async () => {
  const server = await serve({ prefix: '/docs/tools/ami/' });
  try {
    const page = await openPage(browser, null);
    const release = await holdPageModule(page);
    await page.goto(server.base);
    // The outcome is there, in its own words, with no editor yet.
    await page.getByRole('table', { name: 'Outcome' }).waitFor({ timeout: 15000 });
    const picture = await page.evaluate(() => ({
      verdict: document.querySelector('.result')?.textContent.includes('RunInstances is accepted'),
      editorBusy: document.querySelector('.editor')?.getAttribute('aria-busy'),
      inert: document.querySelector('.first-picture')?.inert,
      // The tool bar is drawn as it will be, with nothing behind it: inert and hidden.
      controls: [...document.querySelectorAll('input, select, textarea')].filter((c) => !c.closest('.bar[inert][aria-hidden=true]')).length,
      resultTop: document.querySelector('.result').getBoundingClientRect().top,
    }));
    assert.deepEqual([picture.verdict, picture.editorBusy, picture.inert, picture.controls], [true, 'true', true, 0]);
    assert.match(await page.locator('.editor').innerText(), /The controls are on their way/);
    release();
    await page.getByRole('button', { name: 'Add snapshot' }).waitFor({ timeout: 15000 });
    const after = await page.evaluate(() => ({
      pictures: document.querySelectorAll('.first-picture').length,
      results: document.querySelectorAll('section.result').length,
      resultTop: document.querySelector('.result').getBoundingClientRect().top,
    }));
    assert.equal(after.pictures, 0, 'the picture is gone');
    assert.equal(after.results, 1, 'one result column, not two');
    // On a wide screen the result column does not move when the editor arrives.
    assert.ok(Math.abs(after.resultTop - picture.resultTop) < 2, `${picture.resultTop} → ${after.resultTop}`);
    // The page works: an edit reaches the diagram.
    await page.getByRole('button', { name: 'Add snapshot' }).click();
    await page.getByRole('group', { name: 'Snapshot /dev/sdc' }).waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await server.close();
  }
});

// The page module drew the diagram anew in the first picture's place, and every volume played its
// arrival (a fade from the left) a second time, some 170 ms after the first.
test('the volumes arrive once: not again when the page takes the first picture\'s place, but a new one does', async () => {
  const server = await serve();
  try {
    const page = await openPage(browser, null);
    await page.addInitScript(() => {
      window.arrivals = [];
      document.addEventListener('animationstart', (e) => {
        if (e.animationName === 'arrive') window.arrivals.push(e.target.closest('.first-picture') ? 'first picture' : 'page');
      }, true);
    });
    // The page module is held until the first picture's volumes have arrived (the first module's
    // picture, or the one from the build that it replaced, which may have been too quick to arrive).
    const release = await holdPageModule(page);
    await page.goto(server.base);
    await page.locator('.first-picture:not(.prerendered) svg[role=img] g.chip.after').first().waitFor({ timeout: 15000 });
    await page.waitForTimeout(600);
    const arrived = await page.evaluate(() => window.arrivals);
    assert.deepEqual(arrived.filter((a) => a !== 'first picture'), []);
    release();
    await pageStarted(page);
    await page.waitForTimeout(400);
    const arrivals = await page.evaluate(() => window.arrivals);
    assert.deepEqual(arrivals, arrived, 'the page replayed the arrival of volumes already on screen');
    await page.getByRole('button', { name: 'Add snapshot' }).click();
    await page.waitForFunction((n) => window.arrivals.length > n, arrivals.length);
    assert.deepEqual(await page.evaluate(() => window.arrivals.slice(-1)), ['page']);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await server.close();
  }
});

/** Holds every request for `glob` back; returns whether `wasm` was requested while it was held,
 * waiting up to 10 s for it, then lets the held requests go. */
async function requestedWhileHeld(page, glob, wasm, act) {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await page.route(glob, async (route) => { await gate; await route.continue(); });
  const asked = page.waitForRequest((r) => r.url().endsWith(wasm), { timeout: 10000 }).then(() => true, () => false);
  await act();
  const result = await asked;
  release();
  return result;
}

// Each module's WebAssembly used to be requested only once its script had arrived and run: one
// round trip more before the editor (80 ms in a run with 80 ms of latency) or a panel.
test('the page and panels modules request their WebAssembly together with their script, not after it', async () => {
  const server = await serve({ prefix: '/docs/tools/ami/' });
  try {
    const page = await openPage(browser, null);
    assert.ok(await requestedWhileHeld(page, '**/page.js', 'page_bg.wasm', () => page.goto(server.base)),
      'page_bg.wasm was not requested while page.js was on its way');
    await pageStarted(page);
    assert.ok(await requestedWhileHeld(page, '**/panels.js', 'panels_bg.wasm',
      () => page.getByText('Every case at a glance', { exact: true }).click()),
    'panels_bg.wasm was not requested while panels.js was on its way');
    await page.getByRole('table', { name: 'Decision table' }).waitFor({ timeout: 15000 });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await server.close();
  }
});

test('at any width, in English or 繁體中文, the tool bar drawn by the first module is the bar: nothing below it moves when the bar comes', async () => {
  // Regression: the bar's place was a box of fixed height, right on wide screens only; on a phone
  // the bar wraps onto two to four lines and "Your scenario" moved down by 42–104 px.
  const server = await serve();
  // A link to an example ("launch-reencrypt-owned"): the bar then also says which example it is.
  const example = encodeURIComponent('2~l0~alias/aws/ebs~1234abcd-0000-4000-8000-000000000000*alias/app*s*1**,'
    + '1234bcde-0001-4001-8001-000000000001*alias/team*s*1**,1234cdef-0002-4002-8002-000000000002*alias/partner*111122223333*1**'
    + '~/dev/xvda*es*@2*~/dev/xvda*t*@4**~n**~**');
  try {
    const moved = [];
    for (const [lang, query] of [['en', ''], ['zh-TW', '?lang=zh-TW'], ['en, an example', `?s=${example}`]]) {
      for (const width of [320, 375, 414, 480, 600, 700, 701, 760, 900, 1000, 1024, 1040, 1100, 1280]) {
        const page = await openPage(browser, null, { viewport: { width, height: 900 } });
        const release = await holdPageModule(page);
        await page.goto(server.base + query);
        await page.locator('.first-picture svg[role=img]').waitFor({ timeout: 15000 });
        const tops = () => page.evaluate(() => ['#editor-heading', '.result'].map((s) => document.querySelector(s).getBoundingClientRect().top));
        const before = await tops();
        release();
        await pageStarted(page);
        const after = await tops();
        // On one column (up to 980 px) the result is below the editor, which is not there yet.
        const watched = width > 980 ? [0, 1] : [0];
        for (const i of watched) {
          if (Math.abs(after[i] - before[i]) >= 2) moved.push(`${lang} ${width}px ${i ? 'result' : 'editor heading'}: ${before[i]} → ${after[i]}`);
        }
        await page.context().close();
      }
    }
    assert.deepEqual(moved, []);
  } finally {
    await server.close();
  }
});

test('a page module that cannot be fetched leaves a readable outcome and says the controls are missing', async () => {
  const server = await serve();
  try {
    const page = await openPage(browser, null);
    await page.route('**/page_bg.wasm', (route) => route.abort());
    await page.goto(server.base);
    await page.getByRole('alert').filter({ hasText: 'The controls could not be loaded' }).waitFor({ timeout: 15000 });
    assert.equal(await page.evaluate(() => document.querySelector('.first-picture').inert), false);
    // The tool bar's copy has nothing behind it: no button shows.
    assert.equal(await page.locator('.bar .tool').first().isVisible(), false);
    await page.getByRole('table', { name: 'Outcome' }).waitFor();
    // Only the failed fetch is on the console: no panic.
    assert.ok(page.errors.every((e) => /page module could not load|Failed to load resource|net::ERR_FAILED/.test(e)), page.errors.join('\n'));
    await page.context().close();
  } finally {
    await server.close();
  }
});

test('an embedded outcome is drawn by the first module alone', async () => {
  const server = await serve();
  try {
    const page = await openPage(browser, null);
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(`${server.base}?embed=1`);
    await page.getByRole('table', { name: 'Outcome' }).waitFor({ timeout: 15000 });
    await page.waitForTimeout(500);
    assert.ok(!fetched.some((f) => f.includes('page')), `fetched: ${fetched.join(', ')}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await server.close();
  }
});
