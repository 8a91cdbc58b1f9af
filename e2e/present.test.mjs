// Presenter mode (issue 9): the examples as slides for a projector, driven as a trainer would, with
// the keys and the buttons by name; readable at 1280×720, and Escape goes back to the explainer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launchBrowser, openPage, pageStarted } from './serve.mjs';

let browser, server;
before(async () => {
  browser = await launchBrowser();
  server = await serve({ prefix: '/docs/tools/ami/' });
});
after(async () => { await browser?.close(); await server?.close(); });

const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Opens the presenter at 1280×720 (a projector) and waits for the first slide's picture. */
async function present(value = 'examples', options = {}) {
  const page = await openPage(browser, `${server.base}?present=${value}`, {
    viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce', ...options,
  });
  await page.locator('.presenter svg[role=img]').first().waitFor({ timeout: 10000 });
  return page;
}

const count = (page) => page.locator('.slide-count').innerText();
const afterChips = (page) => page.locator('.presenter svg g.chip.after').count();
/** The number of slides, from "Slide n of N". */
async function total(page) {
  const match = /^Slide \d+ of (\d+)$/.exec((await count(page)).trim());
  assert.ok(match, await count(page));
  return Number(match[1]);
}

test('→ reveals the outcome, → again goes to the next slide, ← and the page keys go back', async () => {
  const page = await present();
  const n = await total(page);
  assert.ok(n >= 19, `every example is a slide: ${n}`);
  assert.equal((await count(page)).trim(), `Slide 1 of ${n}`);
  assert.equal(await afterChips(page), 0, 'the first slide asks: its outcome is hidden');
  assert.equal(await page.locator('.presenter .verdict').count(), 0);

  await page.keyboard.press('ArrowRight');
  await settle(page);
  assert.ok(await afterChips(page) > 0, 'the outcome is revealed');
  assert.equal(await page.locator('.presenter .verdict').count(), 1);
  assert.equal((await count(page)).trim(), `Slide 1 of ${n}`);

  await page.keyboard.press('ArrowRight');
  await settle(page);
  assert.equal((await count(page)).trim(), `Slide 2 of ${n}`);
  assert.equal(await afterChips(page), 0, 'a new slide asks first');
  assert.match(page.url(), /[?&]present=examples\.2(&|$)/, 'the address keeps the slide');

  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await settle(page);
  assert.equal((await count(page)).trim(), `Slide 3 of ${n}`);
  await page.keyboard.press('PageUp');
  await settle(page);
  assert.equal((await count(page)).trim(), `Slide 2 of ${n}`);
  assert.ok(await afterChips(page) > 0, 'back to the previous slide as it was left, revealed');
  await page.keyboard.press('ArrowLeft');
  await settle(page);
  assert.equal(await afterChips(page), 0, 'then to its question');

  await page.keyboard.press('End');
  await settle(page);
  assert.equal((await count(page)).trim(), `Slide ${n} of ${n}`);
  await page.keyboard.press('Home');
  await settle(page);
  assert.equal((await count(page)).trim(), `Slide 1 of ${n}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the buttons by name, and a reload stays on the slide', async () => {
  const page = await present('examples.4');
  const n = await total(page);
  assert.equal((await count(page)).trim(), `Slide 4 of ${n}`);
  const next = page.getByRole('button', { name: 'Next slide', exact: true });
  const previous = page.getByRole('button', { name: 'Previous slide', exact: true });
  await next.click();
  await next.click();
  await settle(page);
  assert.equal((await count(page)).trim(), `Slide 5 of ${n}`);
  await previous.click();
  await settle(page);
  assert.equal((await count(page)).trim(), `Slide 4 of ${n}`);
  await next.click();
  await next.click();
  await settle(page);
  await page.reload();
  await page.locator('.presenter svg[role=img]').first().waitFor({ timeout: 10000 });
  assert.equal((await count(page)).trim(), `Slide 5 of ${n}`);
  // Each slide opens as an ordinary scenario link.
  const href = await page.getByRole('link', { name: 'Open this scenario' }).getAttribute('href');
  const url = new URL(href, page.url());
  assert.equal(url.searchParams.get('present'), null);
  assert.ok(url.searchParams.get('s'), href);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('readable on a 1280×720 projector: no sideways scroll on any slide, a large title', async () => {
  const page = await present();
  const n = await total(page);
  for (let i = 1; i <= n; i++) {
    for (const revealed of [false, true]) {
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(sideways <= 0, `slide ${i}${revealed ? ' revealed' : ''}: ${sideways}px sideways scroll`);
      const title = page.locator('.presenter h1');
      const size = await title.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      assert.ok(size >= 28, `slide ${i}: title ${size}px`);
      await page.keyboard.press('ArrowRight');
      await settle(page);
    }
  }
  await page.context().close();
});

test('Escape exits to the explainer', async () => {
  const page = await present('examples.3');
  await page.keyboard.press('Escape');
  await settle(page);
  assert.equal(await page.locator('.presenter').count(), 0);
  await pageStarted(page);
  assert.ok(!new URL(page.url()).searchParams.has('present'), page.url());
  // The explainer's own controls are back.
  await page.getByRole('button', { name: 'Reset', exact: true }).waitFor({ timeout: 10000 });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// The page shows `DeckError::message` (wired by the page, not by the presenter).
test('a bad present value is told, not a crash', async () => {
  const page = await openPage(browser, `${server.base}?present=examples.999`, { viewport: { width: 1280, height: 720 } });
  await page.getByText('There is no slide 999').first().waitFor({ timeout: 10000 });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
