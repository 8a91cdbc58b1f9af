// Usability: "How do I get…?", and the friction found when engineers, writers and trainers used
// the page (issue 13), each fix driven as a reader would, by role and label.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launchBrowser, openPage, addressWritten, pageStarted } from './serve.mjs';

let browser, server;
before(async () => {
  browser = await launchBrowser();
  server = await serve({ prefix: '/docs/tools/ami/' });
});
after(async () => { await browser?.close(); await server?.close(); });

const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function open(url = server.base, options = {}) {
  const page = await openPage(browser, url, { reducedMotion: 'reduce', ...options });
  await pageStarted(page);
  return page;
}

async function choose(page, title) {
  await page.locator('summary', { hasText: /^(Examples|範例)$/ }).click();
  await page.getByRole('button', { name: title, exact: true }).click();
  await settle(page);
}

/** Every line of every call box lies inside its box, whole (checked on the drawn geometry). */
async function callLinesOutsideTheirBoxes(page) {
  return page.evaluate(() => {
    const outside = [];
    for (const call of document.querySelectorAll('svg[data-testid=diagram] g.call')) {
      const box = call.querySelector('rect.call-box').getBBox();
      for (const text of call.querySelectorAll('text')) {
        const b = text.getBBox();
        if (b.x < box.x || b.y < box.y - 1 || b.x + b.width > box.x + box.width + 0.5 || b.y + b.height > box.y + box.height + 1) {
          outside.push(text.textContent);
        }
      }
    }
    return outside;
  });
}

test('a 400 px embed shows every parameter whole, one per line, inside its box', async () => {
  const page = await open();
  // A key alias long enough to be cut before the fix, on a launch and on a copy.
  const alias = page.getByRole('group', { name: 'KMS key alias/app' }).getByLabel('Alias');
  await alias.fill('alias/app-production-eu');
  await alias.press('Tab');
  await settle(page);
  await page.getByRole('group', { name: 'RunInstances parameters for /dev/xvda', exact: true }).getByLabel('Encrypted').selectOption('true');
  await page.getByRole('group', { name: 'RunInstances parameters for /dev/xvda', exact: true }).getByLabel('KmsKeyId').selectOption({ label: 'alias/app-production-eu (yours)' });
  await settle(page);
  await addressWritten(page);
  for (const operation of ['launch', 'copy']) {
    if (operation === 'copy') {
      await page.getByLabel('Copy (CopyImage)').check();
      await page.getByRole('group', { name: 'CopyImage parameters' }).getByLabel('Encrypted').selectOption('true');
      await page.getByRole('group', { name: 'CopyImage parameters' }).getByLabel('KmsKeyId').selectOption({ label: 'alias/app-production-eu (yours)' });
      await settle(page);
      await addressWritten(page);
    }
    const embedUrl = page.url() + '&embed=1';
    const embed = await open(embedUrl, { viewport: { width: 400, height: 900 } });
    const lines = await embed.locator('svg[data-testid=diagram] text.call-line').allTextContents();
    const joined = lines.map((l) => l.trim()).join('');
    assert.ok(joined.includes('KmsKeyId=') && joined.includes('app-production-eu'), `${operation}: ${lines.join(' | ')}`);
    assert.ok(!lines.some((l) => l.includes('…')), `nothing is cut: ${lines.join(' | ')}`);
    assert.ok(lines.some((l) => l.trim() === 'Encrypted=true'), 'one parameter per line');
    assert.deepEqual(await callLinesOutsideTheirBoxes(embed), [], operation);
    assert.deepEqual(embed.errors, []);
    await embed.context().close();
  }
  await page.context().close();
});

test('embed code: always the current scenario, carries the theme, closes after copying, never moves the bar', async () => {
  const page = await open();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.locator('.tools').getByLabel('Theme').selectOption('dark');
  const bar = page.locator('.bar');
  const barBefore = await bar.boundingBox();
  await page.getByRole('button', { name: 'Embed code' }).click();
  const code = page.getByLabel('Embed code', { exact: true });
  const first = await code.inputValue();
  assert.match(first, /theme=dark/, 'the chosen theme goes into the embed');
  assert.deepEqual(await bar.boundingBox(), barBefore, 'opening the panel does not reflow the bar');
  // The scenario changes while the panel is open: so does the code.
  await page.getByLabel('Copy (CopyImage)').check();
  await settle(page);
  const second = await code.inputValue();
  assert.notEqual(second, first);
  // A transparent background and a light theme, for a light wiki page.
  await page.getByLabel('Theme of the embed').selectOption('light');
  await page.getByLabel('Transparent background').check();
  const third = await code.inputValue();
  assert.match(third, /theme=light/);
  assert.match(third, /bg=transparent/);
  // Copying closes the panel and says so once; focus goes back to the button.
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  await page.getByRole('status').filter({ hasText: 'Embed code copied to the clipboard.' }).waitFor();
  assert.equal(await code.count(), 0, 'the panel closed');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Embed code');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, third);
  // Escape and Close close it too; opening it puts focus on its copy button.
  await page.getByRole('button', { name: 'Embed code' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'embed-copy');
  await page.keyboard.press('Escape');
  assert.equal(await code.count(), 0);
  await page.getByRole('button', { name: 'Embed code' }).click();
  await page.getByRole('button', { name: 'Close' }).click();
  assert.equal(await code.count(), 0);

  // The embed honours what the code asked for.
  const src = copied.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  const embed = await open(src, { colorScheme: 'dark' });
  assert.equal(await embed.evaluate(() => document.documentElement.dataset.theme), 'light', 'light, whatever the reader’s system');
  assert.equal(await embed.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgba(0, 0, 0, 0)');
  await embed.context().close();
  const dark = await open(src.replace('theme=light', 'theme=dark').replace(/&bg=transparent/, ''));
  assert.equal(await dark.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.notEqual(await dark.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgba(0, 0, 0, 0)');
  await dark.context().close();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('on a 390 px phone, choosing an example brings the result into view and focuses its heading', async () => {
  for (const [lang, title, heading] of [
    ['en', '1.3 Re-encrypt a volume during launch (your AMI)', 'What happens'],
    ['zh-TW', '1.3 在啟動時重新加密磁碟區（您的 AMI）', null],
  ]) {
    const page = await open(`${server.base}?lang=${lang}`, { viewport: { width: 390, height: 844 } });
    await choose(page, title);
    const focused = await page.evaluate(() => ({ id: document.activeElement.id, top: document.activeElement.getBoundingClientRect().top, text: document.activeElement.textContent }));
    assert.equal(focused.id, 'result-heading', lang);
    if (heading) assert.equal(focused.text, heading);
    assert.ok(focused.top >= 0 && focused.top < 300, `${lang}: the result heading is near the top (${focused.top})`);
    // The examples bar stays on screen, below which the heading is not hidden.
    const nav = await page.getByRole('navigation', { name: lang === 'en' ? 'Examples' : '範例' }).boundingBox();
    assert.ok(nav.y <= 1 && nav.y + nav.height <= focused.top + 1, `bar ${JSON.stringify(nav)} vs heading ${focused.top}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('the toolbar stays reachable while scrolling: Previous / Next example, the current one marked', async () => {
  const page = await open(server.base, { viewport: { width: 1280, height: 720 } });
  await page.mouse.wheel(0, 1600);
  await settle(page);
  const next = page.getByRole('button', { name: 'Next example' });
  const box = await next.boundingBox();
  assert.ok(box.y >= 0 && box.y < 80, `Next example is on screen while scrolled (${box.y})`);
  assert.equal(await page.getByRole('button', { name: 'Previous example' }).isDisabled(), true, 'nothing before the starter');
  await next.click();
  await page.getByRole('heading', { name: 'Launch without parameters: a shared, encrypted AMI' }).waitFor();
  await page.getByText('Example 1 of 18').waitFor();
  await next.click();
  await page.getByRole('heading', { name: 'Encrypt a volume during launch' }).waitFor();
  await page.getByRole('button', { name: 'Previous example' }).click();
  await page.getByText('Example 1 of 18').waitFor();
  // The menu marks the current example, numbered after the AWS page's sections.
  await page.locator('summary', { hasText: 'Examples' }).click();
  const current = page.locator('.menu-item[aria-current="true"]');
  assert.equal(await current.count(), 1);
  assert.equal((await current.innerText()).trim(), '1.1 Launch without parameters: a shared, encrypted AMI');
  const numbers = (await page.locator('.menu-item').allInnerTexts()).map((t) => t.trim().match(/^(\d\.\d) /)?.[1]).filter(Boolean);
  assert.deepEqual(numbers, ['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3']);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('details.menu').evaluate((d) => d.open), false, 'Escape closes the menu');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the introduction folds after an edit, keeps its advice, and brings the example back', async () => {
  const page = await open();
  // The starter says what it shows.
  await page.getByRole('heading', { name: 'A shared AMI, launched without parameters' }).waitFor();
  await choose(page, '1.2 Encrypt a volume during launch');
  await page.getByLabel('Encryption by default').check();
  await settle(page);
  const folded = page.locator('details.preset-intro');
  await folded.getByText('You started from').waitFor();
  assert.equal(await folded.evaluate((d) => d.open), false, 'folded');
  await folded.locator('summary').click();
  await folded.getByText(/Setting Encrypted=true/).waitFor();
  await page.getByText('Example 2 of 18').waitFor();
  await page.locator('.example-title').getByText('(edited)').waitFor();
  await page.getByRole('button', { name: 'Back to this scenario as it was' }).click();
  await page.getByRole('heading', { name: 'Encrypt a volume during launch' }).waitFor();
  assert.equal(await page.getByLabel('Encryption by default').isChecked(), false);
  await page.context().close();
});

test('a key keeps its colour from one example to the next', async () => {
  const page = await open();
  const colour = (name) => page.locator('.legend .key-chip', { hasText: name }).first().getAttribute('class');
  const inStarter = await colour('partner');
  await choose(page, '1.1 Launch without parameters: a shared, encrypted AMI');
  assert.equal(await colour('partner'), inStarter);
  await page.context().close();
});

test('How do I get…? answers the engineer’s question on the starter and applies the fix (en, zh-TW)', async () => {
  for (const t of [
    {
      lang: 'en', open: 'How do I get…?', volume: 'For the volume', want: 'I want it', key: 'encrypted with alias/app',
      edits: ['Set Encrypted=true on /dev/xvda', 'Set KmsKeyId=alias/app on /dev/xvda'], account: 'Make alias/app the default KMS key',
      apply: 'Apply this change', already: 'That is already what happens.',
    },
    {
      lang: 'zh-TW', open: '我要怎麼得到…？', volume: '磁碟區', want: '我希望它', key: '以 alias/app 加密',
      edits: ['在 /dev/xvda 設定 Encrypted=true', '在 /dev/xvda 設定 KmsKeyId=alias/app'], account: '將 alias/app 設為預設 KMS 金鑰',
      apply: '套用這項變更', already: '目前的結果已經是這樣。',
    },
  ]) {
    const page = await open(`${server.base}?lang=${t.lang}`);
    await page.getByText(t.open, { exact: true }).click();
    await page.locator('.advice').getByLabel(t.volume).selectOption('/dev/xvda');
    await page.locator('.advice').getByLabel(t.want).selectOption({ label: t.key });
    const answer = page.locator('.advice-answer');
    await answer.waitFor();
    const parameters = answer.locator('ol.suggestions').first().locator('li.suggestion').first();
    assert.deepEqual((await parameters.locator('.edits li').allInnerTexts()).map((s) => s.trim()), t.edits, t.lang);
    await answer.getByText(t.account, { exact: true }).waitFor();
    // One click applies it; the outcome changes and the panel says it is done.
    await parameters.getByRole('button', { name: t.apply }).click();
    await settle(page);
    await answer.getByText(t.already).waitFor();
    const row = page.locator('table.outcome tbody tr', { hasText: '/dev/xvda' });
    await row.getByText('alias/app').first().waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('How do I get…? says why when no parameter can do it; its worker is fetched only when asked', async () => {
  const fetched = [];
  const page = await openPage(browser, null, { reducedMotion: 'reduce' });
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(server.base);
  await pageStarted(page);
  await settle(page);
  assert.ok(!fetched.some((f) => f.includes('tools-worker')), `first load: ${fetched.join(', ')}`);
  await page.getByText('How do I get…?', { exact: true }).click();
  await page.locator('.advice').getByLabel('For the volume').selectOption('/dev/xvda');
  await page.locator('.advice').getByLabel('I want it').selectOption({ label: 'not encrypted' });
  await page.locator('.advice-answer').getByText('No setting of the call\'s parameters gives this.').waitFor();
  await page.locator('.advice-answer').getByText(/encryption is never removed/).waitFor();
  assert.ok(fetched.some((f) => f.endsWith('/tools-worker_bg.wasm')), 'the worker was fetched on demand');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
