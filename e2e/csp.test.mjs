// The built dist/ works, unchanged, under the strict Content-Security-Policy the README tells hosts
// to send: no inline script, no inline style, no eval. Any violation fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launchBrowser, openPage, STRICT_CSP, pageStarted } from './serve.mjs';

let browser, server;
before(async () => {
  browser = await launchBrowser();
  server = await serve({ prefix: '/docs/tools/ami/', headers: { 'content-security-policy': STRICT_CSP } });
});
after(async () => { await browser?.close(); await server?.close(); });

/** Records every CSP violation the page reports, from the first byte on. */
async function strictPage(url) {
  const page = await openPage(browser, null, { reducedMotion: 'reduce' });
  page.violations = [];
  await page.exposeFunction('reportViolation', (v) => page.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.reportViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
  });
  await page.goto(url);
  return page;
}

test('under a strict CSP the page starts, draws, edits, loads examples, runs the tools worker and embeds, with no violation', async () => {
  const page = await strictPage(server.base);
  await pageStarted(page);
  // Every kind of coloured key chip, an alert, the stacked layout and the embed view.
  await page.getByLabel('Encryption by default').check();
  await page.locator('summary', { hasText: 'Examples' }).click();
  await page.getByRole('button', { name: 'Mistake: a shared key you may not use', exact: true }).click();
  await page.getByRole('alert').waitFor();
  // "How do I get…?" starts the tools worker (a second module): allowed by 'self' alone.
  await page.getByText('How do I get…?', { exact: true }).click();
  await page.locator('.advice-answer').waitFor({ timeout: 15000 });
  // The decision table comes with the panels module (a dynamic import and its stylesheet).
  await page.getByText('Every case at a glance', { exact: true }).click();
  await page.getByRole('table', { name: 'Decision table' }).waitFor({ timeout: 15000 });
  assert.equal(await page.locator('table.decision').evaluate((t) => getComputedStyle(t).minWidth), '1100px',
    'the panels stylesheet applies');
  await page.setViewportSize({ width: 390, height: 800 });
  await page.getByRole('button', { name: 'Add snapshot' }).click();
  const embed = await strictPage(`${server.base}?embed=1`);
  await embed.getByRole('table', { name: 'Outcome' }).waitFor({ timeout: 15000 });
  // Inline markup from the address is never inserted: a link with markup in it is just text.
  const hostile = await strictPage(`${server.base}?s=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
  await hostile.getByRole('alert').filter({ hasText: 'could not be opened' }).waitFor();
  assert.equal(await hostile.locator('img').count(), 0);
  // A quiz and presenter mode, by link.
  const quiz = await strictPage(`${server.base}?quiz=copy.3`);
  await quiz.getByRole('button', { name: 'Check answer' }).waitFor({ timeout: 15000 });
  const present = await strictPage(`${server.base}?present=examples`);
  await present.getByRole('button', { name: 'Next slide' }).waitFor({ timeout: 15000 });
  for (const p of [page, embed, hostile, quiz, present]) {
    assert.deepEqual(p.violations, []);
    assert.deepEqual(p.errors, []);
    await p.context().close();
  }
});
