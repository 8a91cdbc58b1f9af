// Two promises to the people who audit pages: everything works from the keyboard alone, with a
// visible focus indicator at every stop; and a panic in the WebAssembly module never leaves a
// dead page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launchBrowser, openPage, addressWritten, pageStarted } from './serve.mjs';

let browser, server;
before(async () => { browser = await launchBrowser(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });

const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function open(options = {}) {
  const page = await openPage(browser, server.base, { reducedMotion: 'reduce', ...options });
  await pageStarted(page);
  return page;
}

/** What has the focus: its accessible text, and whether the focus is drawn. */
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  // Focus on the body is no stop: Tab moved past the last control (or into the browser's own UI).
  if (!el || el === document.body) return { name: '', visible: true, body: true };
  const style = getComputedStyle(el);
  const name = (el.labels?.[0]?.innerText ?? el.getAttribute('aria-label') ?? el.innerText ?? '').trim();
  return {
    name: el.type === 'radio' ? el.closest('label')?.innerText.trim() ?? name : name,
    visible: el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1,
  };
});

/** Presses Tab (or Shift+Tab) until the focus is on a control whose name matches; every stop on
 * the way must show its focus. */
async function tabTo(page, name, { back = false } = {}) {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    assert.ok(now.visible, `no visible focus indicator on "${now.name}"`);
    if (name.test(now.name)) return;
  }
  assert.fail(`${name} not reached with the keyboard`);
}

test('keyboard only: a two-snapshot scenario, the operation, an example and the link', async () => {
  const page = await open();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  // Build: remove the data snapshot, add one back, encrypt it.
  await tabTo(page, /^Remove snapshot$/);
  await tabTo(page, /^Remove snapshot$/);
  await page.keyboard.press('Enter');
  await page.getByRole('group', { name: 'Snapshot /dev/sdb' }).waitFor({ state: 'detached' });
  await tabTo(page, /^Add snapshot$/);
  await page.keyboard.press('Enter');
  await page.getByRole('group', { name: 'Snapshot /dev/sdb' }).waitFor();
  await tabTo(page, /^Encrypted$/, { back: true });
  await page.keyboard.press('Space');
  await settle(page);
  assert.equal(await page.getByRole('group', { name: 'Snapshot /dev/sdb' }).getByLabel('Encrypted').isChecked(), true);
  // Switch the operation with the arrow keys.
  await tabTo(page, /^Launch \(RunInstances\)$/, { back: true });
  await page.keyboard.press('ArrowRight');
  await page.getByRole('group', { name: 'CopyImage parameters' }).waitFor();
  // Load an example.
  await tabTo(page, /^Examples$/, { back: true });
  await page.keyboard.press('Enter');
  await tabTo(page, /^2\.1 Copy without parameters: an encrypted AMI you own$/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Copy without parameters: an encrypted AMI you own' }).waitFor();
  // Focus moved to the result's heading, so the next Tab goes into the result.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'result-heading');
  // The next example, then copy the link (the bar is right above, wherever the page is scrolled).
  await tabTo(page, /^Next example$/, { back: true });
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Copy without parameters: a shared, encrypted AMI' }).waitFor();
  await tabTo(page, /^Copy link$/);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Link copied to the clipboard.' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a panic shows the recovery view: a message, the link to the scenario, and a reload button', async () => {
  for (const [lang, title, link, reload] of [
    ['en', 'Something went wrong', 'The link to your scenario', 'Reload the page'],
    ['zh-TW', '發生錯誤', '您的情境連結', '重新載入頁面'],
  ]) {
    const page = await openPage(browser, `${server.base}?lang=${lang}`, { reducedMotion: 'reduce' });
    await pageStarted(page);
    await page.locator('input[type=checkbox]').first().check(); // encryption by default: an edit to keep
    await settle(page);
    await addressWritten(page);
    const before = page.url();
    // The test-only switch: the next edit panics.
    await page.evaluate(() => { window.__amiExplainerPanicTest = true; });
    await page.locator('.snapshots button.secondary').click();
    const view = page.getByRole('alert');
    await view.getByRole('heading', { name: title, level: 1 }).waitFor();
    assert.equal(await view.getByRole('link', { name: link }).getAttribute('href'), before);
    assert.ok(page.errors.some((e) => /unreachable|panic/i.test(e)), page.errors.join('\n'));
    // Reload: the page comes back with the scenario as it was.
    await view.getByRole('button', { name: reload }).click();
    await pageStarted(page);
    assert.equal(page.url(), before);
    assert.equal(await page.locator('input[type=checkbox]').first().isChecked(), true);
    await page.context().close();
  }
});
