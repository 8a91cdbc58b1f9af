// Accessibility as a test: axe-core audits every state a reader can reach, in both themes, both
// languages, wide and narrow, and the embed view. Zero violations of any impact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launchBrowser, openPage, pageStarted } from './serve.mjs';

const AXE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/axe-core/axe.min.js');
let browser, server;
before(async () => { browser = await launchBrowser(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });

const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Runs axe on the page as it is now; returns "state: rule (impact) at selector" lines. */
async function audit(page, state) {
  await settle(page);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  return violations.map((v) => `${state}: ${v.id} (${v.impact}) at ${v.nodes.join(', ')}`);
}

async function open(url, options = {}) {
  const page = await openPage(browser, url, { reducedMotion: 'reduce', ...options });
  await pageStarted(page);
  return page;
}

for (const [theme, colorScheme] of [['light', 'light'], ['dark', 'dark']]) {
  test(`every example, an error, a failure and the stale banner have no violations (${theme})`, async () => {
    const page = await open(server.base, { colorScheme });
    const found = await audit(page, 'starter');
    await page.locator('summary', { hasText: 'Examples' }).click();
    const titles = await page.locator('details.menu button.menu-item').allInnerTexts();
    for (const title of titles.map((t) => t.trim()).filter(Boolean)) {
      if (!(await page.getByRole('button', { name: title, exact: true }).isVisible())) {
        await page.locator('summary', { hasText: 'Examples' }).click();
      }
      await page.getByRole('button', { name: title, exact: true }).click();
      await page.getByRole('heading', { name: title.replace(/^\d\.\d /, '') }).waitFor();
      await page.locator('details.other-reading').evaluateAll((all) => all.forEach((d) => (d.open = true)));
      found.push(...(await audit(page, title)));
    }
    // "How do I get…?" open with its answer; the introduction folded after an edit; the embed panel.
    await page.getByText('How do I get…?').click();
    await page.locator('.advice-answer').waitFor();
    found.push(...(await audit(page, 'how do I get')));
    await page.getByLabel('Encryption by default').click();
    await page.getByText('You started from').waitFor();
    found.push(...(await audit(page, 'folded introduction')));
    await page.getByRole('button', { name: 'Embed code' }).click();
    found.push(...(await audit(page, 'embed panel')));
    await page.keyboard.press('Escape');
    // "Take it with you" and "Bring your own AMI", open, with commands and a preview.
    await page.locator('details.take-away > summary').click();
    await page.waitForFunction(() => document.querySelector('.take-away textarea')?.value.length > 0);
    found.push(...(await audit(page, 'take it with you')));
    await page.locator('details.byo > summary').click();
    await page.locator('details.byo').getByLabel('AMI ID').fill('ami-0abcdef1234567890');
    await page.locator('details.byo').getByLabel(/Paste the output here/).fill('{"UserId": "A", "Account": "444455556666", "Arn": "arn:aws:iam::444455556666:user/x"}');
    await page.getByRole('button', { name: 'Read the outputs' }).click();
    await page.getByRole('region', { name: 'What was read' }).waitFor();
    found.push(...(await audit(page, 'bring your own AMI')));
    // The stale-scenario banner: a device name being typed.
    await page.getByRole('group', { name: /^Snapshot \/dev\/xvda/ }).getByLabel('Device').fill('/dev/x');
    found.push(...(await audit(page, 'stale')));
    assert.deepEqual(found, []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test('narrow, zh-TW and the embed view have no violations', async () => {
  const found = [];
  const narrow = await open(server.base, { viewport: { width: 390, height: 800 } });
  found.push(...(await audit(narrow, 'narrow')));
  const zh = await open(`${server.base}?lang=zh-TW`, { locale: 'zh-TW' });
  found.push(...(await audit(zh, 'zh-TW')));
  const embed = await open(`${server.base}?embed=1`);
  found.push(...(await audit(embed, 'embed')));
  const embedDark = await open(`${server.base}?embed=1`, { colorScheme: 'dark', viewport: { width: 380, height: 800 } });
  found.push(...(await audit(embedDark, 'embed dark narrow')));
  assert.deepEqual(found, []);
  for (const p of [narrow, zh, embed, embedDark]) {
    assert.deepEqual(p.errors, []);
    await p.context().close();
  }
});

// Issue 9's views: a quiz question, its revealed answer, a presenter slide before and after, the
// decision table, the embedded quiz, in both themes and in 繁體中文.
for (const [name, lang, colorScheme] of [['light', '', 'light'], ['dark', '', 'dark'], ['zh-TW', '&lang=zh-TW', 'light']]) {
  test(`the quiz, presenter mode and the decision table have no violations (${name})`, async () => {
    const found = [];
    const quiz = await openPage(browser, `${server.base}?quiz=launch-basics.7${lang}`, { reducedMotion: 'reduce', colorScheme });
    await quiz.locator('#quiz-question-heading').waitFor({ timeout: 15000 });
    found.push(...(await audit(quiz, 'quiz question')));
    await quiz.locator('.quiz-call input[type=radio]').first().check();
    for (const fieldset of await quiz.locator('fieldset.quiz-device').all()) {
      await fieldset.locator('input[type=radio]').first().check();
      await fieldset.locator('select').selectOption({ index: 1 });
    }
    found.push(...(await audit(quiz, 'quiz answer filled in')));
    await quiz.locator('.quiz-form button[type=submit]').click();
    await quiz.locator('.quiz-result').waitFor();
    found.push(...(await audit(quiz, 'quiz answer revealed')));
    await quiz.context().close();

    const slides = await openPage(browser, `${server.base}?present=examples.3${lang}`, { reducedMotion: 'reduce', colorScheme, viewport: { width: 1280, height: 720 } });
    await slides.locator('.presenter').waitFor({ timeout: 15000 });
    found.push(...(await audit(slides, 'slide')));
    await slides.keyboard.press('ArrowRight');
    found.push(...(await audit(slides, 'slide revealed')));
    await slides.context().close();

    const page = await open(`${server.base}?${lang.slice(1)}`, { colorScheme });
    await page.locator('details.decision > summary').click();
    await page.locator('table.decision').waitFor({ timeout: 15000 });
    found.push(...(await audit(page, 'decision table')));
    await page.context().close();

    const embed = await openPage(browser, `${server.base}?quiz=copy.3&embed=1${lang}`, { reducedMotion: 'reduce', colorScheme, viewport: { width: 500, height: 800 } });
    await embed.locator('#quiz-question-heading').waitFor({ timeout: 15000 });
    assert.equal(await embed.locator('h1').count(), 1, 'the embedded quiz has its own level-one heading');
    found.push(...(await audit(embed, 'embedded quiz')));
    await embed.context().close();
    assert.deepEqual(found, []);
  });
}
