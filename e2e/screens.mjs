// Screenshots for looking at the page by eye (not a test): `node e2e/screens.mjs [out-dir]`
// after a `trunk build` into dist/. Shows the layouts that usability work is judged on: a 400 px
// embed, a 390 px phone after choosing an example, the toolbar while scrolled, and the
// "How do I get…?" panel, in light, dark and 繁體中文.
import path from 'node:path';
import fs from 'node:fs';
import { serve, launchBrowser, openPage, OUT, pageStarted } from './serve.mjs';

const out = path.resolve(process.argv[2] ?? path.join(OUT, 'screens'));
fs.mkdirSync(out, { recursive: true });
const server = await serve();
const browser = await launchBrowser();
const shot = async (page, name, options = {}) => {
  await page.screenshot({ path: path.join(out, `${name}.png`), ...options });
  console.log(path.join(out, `${name}.png`));
};
const chooseExample = async (page, number) => {
  await page.locator('summary', { hasText: /Examples|範例/ }).first().click();
  await page.locator('.menu-item', { hasText: new RegExp(`^${number.replace('.', '\\.')} `) }).click();
  await page.waitForTimeout(600);
};

try {
  // A 400 px embed of a copy with KmsKeyId (the parameter box must hold the whole identifier).
  for (const [name, nth] of [['embed-400-launch', '1.3'], ['embed-400-copy', '2.3']]) {
    const page = await openPage(browser, server.base, { viewport: { width: 1280, height: 900 } });
    await chooseExample(page, nth);
    const embedUrl = page.url().replace(/([?&])embed=[^&]*/, '$1') + '&embed=1';
    const embed = await openPage(browser, embedUrl, { viewport: { width: 400, height: 900 } });
    await embed.waitForSelector('svg');
    await shot(embed, name, { fullPage: true });
    await page.context().close(); await embed.context().close();
  }
  // A phone after choosing an example: what is on screen?
  for (const [name, options] of [['phone-example', {}], ['phone-example-dark', { colorScheme: 'dark' }]]) {
    const page = await openPage(browser, server.base, { viewport: { width: 390, height: 844 }, ...options });
    await chooseExample(page, '1.3');
    await shot(page, name);
    await page.context().close();
  }
  // The toolbar while scrolled down the editor.
  {
    const page = await openPage(browser, server.base, { viewport: { width: 1280, height: 720 } });
    await page.mouse.wheel(0, 1400);
    await page.waitForTimeout(300);
    await shot(page, 'scrolled');
    await page.context().close();
  }
  // The embed panel open over the page, in light and dark.
  for (const [name, options] of [['embed-panel', {}], ['embed-panel-dark', { colorScheme: 'dark' }]]) {
    const page = await openPage(browser, server.base, { viewport: { width: 1280, height: 800 }, ...options });
    await page.getByRole('button', { name: 'Embed code' }).click();
    await page.waitForTimeout(200);
    await shot(page, name);
    await page.context().close();
  }
  // The page in 繁體中文 and in dark, whole.
  for (const [name, url, options] of [['zh-TW', `${server.base}?lang=zh-TW`, {}], ['dark', server.base, { colorScheme: 'dark' }]]) {
    const page = await openPage(browser, url, { viewport: { width: 1280, height: 900 }, ...options });
    await pageStarted(page);
    await shot(page, name, { fullPage: true });
    await page.context().close();
  }
  // "How do I get…?" on the starter: the engineer's question, in English and 繁體中文, light and dark.
  for (const [name, url, options, summary, key] of [
    ['advice', server.base, {}, 'How do I get…?', 'encrypted with alias/app'],
    ['advice-dark', server.base, { colorScheme: 'dark' }, 'How do I get…?', 'encrypted with alias/app'],
    ['advice-zh-TW', `${server.base}?lang=zh-TW`, {}, '我要怎麼得到…？', '以 alias/app 加密'],
  ]) {
    const page = await openPage(browser, url, { viewport: { width: 1280, height: 900 }, ...options });
    await pageStarted(page);
    await page.getByText(summary, { exact: true }).click();
    await page.locator('.advice select').nth(1).selectOption({ label: key });
    await page.locator('.advice-answer').waitFor();
    await page.locator('.advice').screenshot({ path: path.join(out, `${name}.png`) });
    console.log(path.join(out, `${name}.png`));
    await page.context().close();
  }
  // "Bring your own AMI" with a preview, and "Take it with you", light, dark, 繁體中文 and narrow.
  const fixture = (name) => fs.readFileSync(path.resolve(path.dirname(new URL(import.meta.url).pathname), `../interop/tests/fixtures/${name}.json`), 'utf8');
  for (const [name, url, options] of [
    ['interop', server.base, {}],
    ['interop-dark', server.base, { colorScheme: 'dark' }],
    ['interop-zh-TW', `${server.base}?lang=zh-TW`, {}],
    ['interop-narrow', server.base, { viewport: { width: 390, height: 844 } }],
  ]) {
    const page = await openPage(browser, url, { viewport: { width: 1280, height: 900 }, ...options });
    await pageStarted(page);
    await page.locator('details.byo > summary').click();
    await page.locator('details.byo input[type=text]').first().fill('ami-0abcdef1234567890');
    await page.locator('details.byo textarea').fill(['describe-images-owned', 'describe-snapshots-owned', 'get-caller-identity'].map(fixture).join('\n'));
    await page.locator('details.byo button.secondary').last().click();
    await page.locator('.import-preview').waitFor();
    await page.locator('details.byo').screenshot({ path: path.join(out, `${name}-byo.png`) });
    await page.locator('details.take-away > summary').click();
    await page.waitForFunction(() => document.querySelector('.take-away textarea')?.value.length > 0);
    await page.locator('details.take-away').screenshot({ path: path.join(out, `${name}-take.png`) });
    console.log(path.join(out, `${name}-byo.png`), path.join(out, `${name}-take.png`));
    await page.context().close();
  }
  // Training (issue 9): a quiz question, its answer revealed, the end-of-level summary, a presenter
  // slide and the decision table, in light, dark and 繁體中文.
  for (const [suffix, lang, options] of [['', '', {}], ['-dark', '', { colorScheme: 'dark' }], ['-zh-TW', '&lang=zh-TW', {}]]) {
    const quiz = await openPage(browser, `${server.base}?quiz=launch-basics.7${lang}`, { viewport: { width: 1280, height: 900 }, ...options });
    await quiz.locator('#quiz-question-heading').waitFor({ timeout: 15000 });
    await shot(quiz, `quiz-question${suffix}`, { fullPage: true });
    await quiz.locator('.quiz-call input[type=radio]').first().check();
    for (const fieldset of await quiz.locator('fieldset.quiz-device').all()) {
      await fieldset.locator('input[type=radio]').first().check();
      await fieldset.locator('select').selectOption({ index: 1 });
    }
    await quiz.locator('.quiz-form button[type=submit]').click();
    await quiz.waitForTimeout(400);
    await shot(quiz, `quiz-answer${suffix}`, { fullPage: true });
    await quiz.context().close();
    const present = await openPage(browser, `${server.base}?present=examples.3${lang}`, { viewport: { width: 1280, height: 720 }, ...options });
    await present.locator('.presenter').waitFor({ timeout: 15000 });
    await present.waitForTimeout(400);
    await shot(present, `present-slide${suffix}`);
    await present.keyboard.press('ArrowRight');
    await present.waitForTimeout(400);
    await shot(present, `present-revealed${suffix}`);
    await present.context().close();
    const table = await openPage(browser, `${server.base}?${lang.slice(1)}`, { viewport: { width: 1280, height: 900 }, ...options });
    await table.locator('details.decision > summary').click();
    await table.locator('table.decision').waitFor({ timeout: 15000 });
    await table.locator('details.decision').screenshot({ path: path.join(out, `table${suffix}.png`) });
    console.log(path.join(out, `table${suffix}.png`));
    await table.context().close();
  }
} finally {
  await browser.close();
  await server.close();
}
