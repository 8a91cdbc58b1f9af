// Teaching and sharing: examples, permalinks, embedding, languages, autosave and theme.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launchBrowser, openPage, OUT, addressWritten, pageStarted } from './serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
let browser, server;
before(async () => {
  browser = await launchBrowser();
  server = await serve({ prefix: '/docs/tools/ami/', extra: { '/docs/guide.html': path.join(here, '../examples/embed-host.html') } });
});
after(async () => { await browser?.close(); await server?.close(); });

const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function open(url = server.base, options = {}) {
  const page = await openPage(browser, url, { reducedMotion: 'reduce', ...options });
  await pageStarted(page);
  return page;
}

async function outcome(page) {
  await settle(page);
  const rows = await page.locator('table.outcome tbody tr').all();
  const result = {};
  for (const row of rows) {
    const cells = (await row.locator('th, td').allInnerTexts()).map((c) => c.trim());
    if (cells.length < 6) continue;
    result[cells[0]] = { encrypted: cells[1], key: cells[2].split('\n')[0].trim(), change: cells[3], rule: cells[4].split('\n').pop().trim(), basis: cells[5] };
  }
  return result;
}

const rulesOf = async (page) => Object.values(await outcome(page)).map((r) => r.rule);

// What each example shows, as the AWS page (or the mistake's story) says.
const EXAMPLES = [
  ['1.2 Encrypt a volume during launch', { rules: ['launch.encrypted-default-key'] }],
  ['1.3 Re-encrypt a volume during launch (your AMI)', { rules: ['launch.specified-key'] }],
  ['1.1 Launch without parameters: a shared, encrypted AMI', { rules: ['launch.shared-default-key'] }],
  ['1.4 Change several volumes at once', { rules: ['launch.encrypted-default-key', 'launch.specified-key'] }],
  ['2.3 Encrypt an unencrypted AMI while copying it', { rules: ['copy.specified-key'] }],
  ['2.1 Copy without parameters: an encrypted AMI you own', { rules: ['copy.owned-keeps-key', 'copy.state-preserved'] }],
  ['2.2 Copy without parameters: a shared, encrypted AMI', { rules: ['copy.shared-default-key'] }],
  ['Mistake: KmsKeyId without Encrypted', { alert: 'InvalidParameterDependency' }],
  ['Mistake: Encrypted=false on a copy of an encrypted AMI', { alert: 'InvalidRequest' }],
  ['Mistake: sharing an AMI encrypted with aws/ebs', { alert: 'InvalidParameter' }],
  ['Mistake: a shared key you may not use', { alert: 'Client.InternalError' }],
  ['Mistake: a customer managed default key nobody can use', { alert: 'Client.InternalError' }],
  ['Copy an encrypted AMI to another Region', { rules: ['copy.cross-region-default-key', 'copy.state-preserved'] }],
  ['Mistake: naming the source Region\'s key in a cross-Region copy', { alert: 'failed' }],
  ['Mistake: Auto Scaling and a customer managed default key', { alert: 'Client.InternalError' }],
  ['Fixed: the Auto Scaling role may use the default key', { rules: ['launch.encryption-by-default'] }],
  ['Mistake: copying a shared AMI without its snapshots', { alert: 'InvalidRequest' }],
  ['Mistake: a disabled key', { alert: 'Client.InvalidKMSKey.InvalidState' }],
];

test('each example loads, introduces itself and shows its documented outcome', async () => {
  const page = await open();
  let longest = 0;
  for (const [title, expected] of EXAMPLES) {
    await page.locator('summary', { hasText: 'Examples' }).click();
    await page.getByRole('button', { name: title, exact: true }).click();
    // The menu numbers the AWS page's examples after its sections; the heading has no number.
    await page.getByRole('heading', { name: title.replace(/^\d\.\d /, '') }).waitFor();
    assert.ok(await page.getByRole('link', { name: 'Read on the AWS page' }).getAttribute('href').then((h) => h.startsWith('https://docs.aws.amazon.com/')));
    if (expected.rules) assert.deepEqual(await rulesOf(page), expected.rules, title);
    if (expected.alert) await page.getByRole('alert').getByText(expected.alert, { exact: true }).waitFor();
    longest = Math.max(longest, page.url().length);
  }
  console.log(`longest example URL: ${longest} characters`);
  // Editing leaves the example: its introduction goes away.
  await page.getByLabel('Encryption by default').check();
  await settle(page);
  assert.equal(await page.getByText('About this example').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a link restores the scenario exactly in a fresh page, and editing adds no history entries', async () => {
  const page = await open();
  const historyBefore = await page.evaluate(() => history.length);
  await page.getByRole('button', { name: 'Add snapshot' }).click();
  await page.getByRole('group', { name: 'Snapshot /dev/sdc' }).getByLabel('Encrypted').check();
  await page.getByRole('group', { name: 'RunInstances parameters for /dev/xvda', exact: true }).getByLabel('Encrypted').selectOption('true');
  await page.getByRole('group', { name: 'KMS key alias/app' }).getByLabel('Usable by you').uncheck();
  await settle(page);
  await addressWritten(page);
  assert.equal(await page.evaluate(() => history.length), historyBefore, 'replaceState, not pushState');
  const url = page.url();
  assert.match(new URL(url).searchParams.get('s'), /^2~/);
  const before = await outcome(page);
  const alertBefore = await page.getByRole('alert').count();

  const other = await open(url);
  assert.deepEqual(await outcome(other), before);
  assert.equal(await other.getByRole('alert').count(), alertBefore);
  assert.equal(await other.getByRole('group', { name: 'KMS key alias/app' }).getByLabel('Usable by you').isChecked(), false);
  assert.equal(other.url(), url, 'the restored page writes the same link back');
  // "Copy link" gives the same address.
  await other.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await other.getByRole('button', { name: 'Copy link' }).click();
  await other.getByRole('status').filter({ hasText: 'Link copied to the clipboard.' }).waitFor();
  assert.equal(await other.evaluate(() => navigator.clipboard.readText()), url);
  await page.context().close();
  await other.context().close();
});

test('a 26-snapshot scenario fits in a link', async () => {
  const page = await open();
  for (let i = 0; i < 24; i++) await page.getByRole('button', { name: 'Add snapshot' }).click();
  await settle(page);
  await addressWritten(page);
  console.log(`26-snapshot scenario URL: ${page.url().length} characters`);
  const other = await open(page.url());
  assert.equal(Object.keys(await outcome(other)).length, 26);
  await page.context().close();
  await other.context().close();
});

test('bad links show a clear message, load the default scenario and never break the page', async () => {
  const good = await open();
  const starter = await outcome(good);
  const link = new URL(good.url()).searchParams.get('s');
  await good.context().close();
  const cases = [
    ['truncated', link.slice(0, link.length / 2).replace(/~[^~]*$/, ''), 'cut short'],
    ['malformed', 'hello world', 'damaged'],
    ['future version', link.replace(/^2~/, '7~'), 'newer version'],
    ['oversized', '1~' + 'x'.repeat(9000), 'too long'],
    ['empty', '', 'holds no scenario'],
    ['damaged escape', link.replace('alias', '%ZZ'), 'damaged'],
  ];
  for (const [name, value, words] of cases) {
    const page = await open(`${server.base}?s=${encodeURIComponent(value)}`);
    const alert = page.getByRole('alert').filter({ hasText: 'could not be opened' });
    await alert.waitFor();
    assert.match(await alert.textContent(), new RegExp(words), name);
    assert.deepEqual(await outcome(page), starter, name);
    assert.deepEqual(page.errors, [], name);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    assert.equal(await alert.count(), 0);
    await page.context().close();
  }
});

test('reload restores the sandbox; a link wins over it; corrupted saved data is set aside', async () => {
  const page = await open();
  await page.getByRole('radiogroup', { name: 'Operation' }).getByLabel('Copy (CopyImage)').check();
  await page.getByRole('group', { name: 'CopyImage parameters' }).getByLabel('Encrypted').selectOption('true');
  const edited = await outcome(page);
  await page.reload();
  await pageStarted(page);
  assert.deepEqual(await outcome(page), edited);
  // Without a link, the saved sandbox comes back.
  await page.goto(server.base);
  await pageStarted(page);
  assert.deepEqual(await outcome(page), edited);
  assert.equal(await page.getByRole('group', { name: 'CopyImage parameters' }).count(), 1);
  // Reset brings back the starter.
  await page.getByRole('button', { name: 'Reset' }).click();
  assert.equal((await outcome(page))['/dev/xvda'].rule, 'launch.shared-default-key');
  await addressWritten(page); // and local storage with it
  // Corrupted data: a notice, and the starter.
  await page.evaluate(() => localStorage.setItem('ami-explainer:scenario:v1', '1~zz~broken'));
  await page.goto(server.base);
  await page.getByRole('alert').filter({ hasText: 'could not be read' }).waitFor();
  assert.equal((await outcome(page))['/dev/xvda'].rule, 'launch.shared-default-key');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('embed mode: no editor, an "Open in the explainer" link, and the height posted to the host page', async () => {
  // The embed code as the button gives it, dropped into a documentation page.
  const page = await open();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Embed code' }).click();
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  await page.getByRole('status').filter({ hasText: 'Embed code copied' }).waitFor();
  const code = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(code, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/docs\/tools\/ami\/\?s=2~.*&amp;embed=1&amp;theme=light"/);

  for (const host of ['/docs/guide.html', 'generated']) {
    let hostPage, closeHostServer;
    try {
      if (host === 'generated') {
        const file = path.join(OUT, 'generated-host.html');
        fs.writeFileSync(file, `<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body><h1>Generated host</h1>${code}</body></html>`);
        const hostServer = await serve({ prefix: '/docs/tools/ami/', extra: { '/host.html': file } });
        hostPage = await openPage(browser, null, { reducedMotion: 'reduce' });
        // The iframe points at the first server, which serves the explainer; the host is another origin.
        await hostPage.goto(hostServer.base.replace('/docs/tools/ami/', '/host.html'));
        closeHostServer = hostServer.close;
      } else {
        hostPage = await openPage(browser, server.base.replace('/docs/tools/ami/', host), { reducedMotion: 'reduce' });
      }
      const iframe = hostPage.locator('iframe');
      await hostPage.waitForFunction(() => parseFloat(document.querySelector('iframe').style.height) !== 640, null, { timeout: 15000 });
      const frame = hostPage.frameLocator('iframe');
      await frame.getByRole('img', { name: /Before and after/ }).waitFor();
      const posted = parseFloat(await iframe.evaluate((f) => f.style.height));
      const content = await frame.locator('main').evaluate((m) => m.getBoundingClientRect().height);
      assert.ok(posted >= content - 1 && posted < content + 100, `iframe ${posted}px for ${content}px of content`);
      assert.equal(await frame.getByRole('heading', { name: 'Your scenario' }).count(), 0);
      assert.equal(await frame.getByRole('button', { name: 'Add snapshot' }).count(), 0);
      const open = frame.getByRole('link', { name: 'Open in the explainer' });
      assert.equal(await open.getAttribute('target'), '_blank');
      assert.ok(!(await open.getAttribute('href')).includes('embed'));
      // The generated code carries a format-2 link; the sample host still embeds a format-1 link,
      // which opens, and the full page keeps it as given.
      assert.match(await open.getAttribute('href'), host === 'generated' ? /[?&]s=2~/ : /[?&]s=1~/);
      await frame.getByRole('table', { name: 'Outcome' }).waitFor();
      // A narrow host: the picture stacks.
      await hostPage.setViewportSize({ width: 380, height: 800 });
      await hostPage.waitForFunction(() => document.querySelector('iframe').getBoundingClientRect().width < 400);
      for (let i = 0; i < 50 && !(await frame.locator('svg[role=img]').getAttribute('viewBox')).startsWith('0 0 340 '); i++) {
        await hostPage.waitForTimeout(100);
      }
      assert.match(await frame.locator('svg[role=img]').getAttribute('viewBox'), /^0 0 340 /, 'the narrow layout');
      await hostPage.screenshot({ path: path.join(OUT, `embed-${host === 'generated' ? 'generated' : 'sample'}.png`), fullPage: true });
      assert.deepEqual(hostPage.errors, []);
    } finally {
      // Always: a server left open keeps the test process alive.
      await hostPage?.context().close();
      await closeHostServer?.();
    }
  }
  await page.context().close();
});

test('繁體中文: switch, link and browser preference; no English left on the page', async () => {
  const page = await open(server.base, { locale: 'zh-TW' });
  await page.getByRole('heading', { name: 'AMI 加密說明工具', level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-TW');
  // Every state of the page: accepted, refused, failing, an example.
  const leftovers = new Set();
  const collect = async () => {
    await settle(page);
    const words = await page.evaluate(() => {
      // Names that stay in English on purpose: APIs, parameters, error codes, keys, devices, tools
      // and file formats.
      const allowed = /([\w.-]+\.(sh|tf|yaml|hcl|json)|CLI|CloudShell|Terraform|CloudFormation|Packer|SVG|PNG|EC2|API|JSON|RunInstances|CopyImage|KmsKeyId|Encrypted(=(true|false))?|InvalidParameterDependency|InvalidRequest|InvalidParameter|InvalidBlockDeviceMapping|Client\.InternalError|Client\.InvalidKMSKey\.InvalidState|NoDevice|VolumeSize|SourceRegion|GiB|Amazon EC2 Auto Scaling|Auto Scaling|[a-z]{2}(-[a-z]+)+-\d|mrk-|true|false|pending|terminated|failed|AWS|AMI|EBS|KMS|ARN|ID|alias\/[\w\/-]+|aws\/ebs|arn:[\w:\/.-]+|\/dev\/\w+|[0-9a-f]{8}-[0-9a-f-]+|[0-9a-f]{8}…|app|partner|team|ebs-default|key-\d+)/g;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const found = [];
      for (let node; (node = walker.nextNode()); ) {
        if (node.parentElement.closest('code, [lang="en"], script, style, noscript, textarea')) continue;
        const rest = node.textContent.replace(allowed, ' ');
        for (const word of rest.match(/[A-Za-z]{2,}/g) ?? []) found.push(`${word} (in "${node.textContent.trim().slice(0, 60)}")`);
      }
      return found;
    });
    words.forEach((w) => leftovers.add(w));
  };
  await collect();
  await page.locator('summary', { hasText: '範例' }).click();
  await collect();
  for (const title of ['錯誤：只有 KmsKeyId 沒有 Encrypted', '錯誤：您無法使用的共用金鑰', '2.2 不帶參數複製：共用且已加密的 AMI', '錯誤：共用以 aws/ebs 加密的 AMI']) {
    if (!(await page.getByRole('button', { name: title }).isVisible())) await page.locator('summary', { hasText: '範例' }).click();
    await page.getByRole('button', { name: title }).click();
    await page.locator('details.other-reading').evaluateAll((all) => all.forEach((d) => (d.open = true)));
    await collect();
  }
  assert.deepEqual([...leftovers], []);
  await page.screenshot({ path: path.join(OUT, 'explainer-zh-TW.png'), fullPage: true });

  // The switch, remembered; the link's language wins.
  await page.getByLabel('語言').selectOption('en');
  await page.getByRole('heading', { name: 'AMI Encryption Explainer', level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.reload();
  await page.getByRole('heading', { name: 'AMI Encryption Explainer', level: 1 }).waitFor();
  await page.goto(`${server.base}?lang=zh-TW`);
  await page.getByRole('heading', { name: 'AMI 加密說明工具', level: 1 }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('繁體中文 texts come on demand: not fetched for an English reader; if they cannot be fetched, the page opens in English', async () => {
  const english = await openPage(browser, null, { reducedMotion: 'reduce' });
  const fetched = [];
  english.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await english.goto(server.base);
  await english.getByRole('heading', { name: 'AMI Encryption Explainer', level: 1 }).waitFor();
  assert.ok(!fetched.some((p) => p.endsWith('/zh-TW.txt')), fetched.join(' '));
  // The switch fetches them, then switches.
  await english.getByLabel('Language').selectOption('zh-TW');
  await english.getByRole('heading', { name: 'AMI 加密說明工具', level: 1 }).waitFor();
  assert.ok(fetched.some((p) => p === '/docs/tools/ami/zh-TW.txt'), 'fetched next to the page, under its sub-path');
  assert.deepEqual(english.errors, []);
  await english.context().close();

  // A 繁體中文 reader's page fetches them once: the first module's fetch serves the page module and
  // the panels module too (each fetched them again before).
  const reader = await openPage(browser, null, { reducedMotion: 'reduce', locale: 'zh-TW' });
  const asked = [];
  reader.on('request', (r) => { if (new URL(r.url()).pathname.endsWith('/zh-TW.txt')) asked.push(r.url()); });
  await reader.goto(server.base);
  await pageStarted(reader);
  await reader.getByText('所有情況一覽').click();
  await reader.locator('table.decision').waitFor();
  assert.equal(asked.length, 1, asked.join(' '));
  assert.deepEqual(reader.errors, []);
  await reader.context().close();

  const offline = await openPage(browser, null, { reducedMotion: 'reduce', locale: 'zh-TW' });
  await offline.route('**/zh-TW.txt', (route) => route.abort());
  await offline.goto(`${server.base}?lang=zh-TW`);
  await offline.getByRole('heading', { name: 'AMI Encryption Explainer', level: 1 }).waitFor();
  assert.equal(await offline.evaluate(() => document.documentElement.lang), 'en');
  // Choosing it again fails the same way: the switch goes back to English, the page still works.
  await offline.getByLabel('Language').selectOption('zh-TW');
  await offline.waitForFunction(() => document.querySelector('.tool-field select').value === 'en');
  await offline.getByRole('button', { name: 'Add snapshot' }).click();
  await offline.getByRole('group', { name: 'Snapshot /dev/sdc' }).waitFor();
  assert.ok(!offline.errors.some((e) => /panic|unreachable/i.test(e)), offline.errors.join('\n'));
  await offline.context().close();
});

test('theme: light, dark or the system, remembered', async () => {
  const page = await open(server.base, { colorScheme: 'light' });
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.getByLabel('Theme').selectOption('dark');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const dark = await background();
  assert.notEqual(dark, light);
  await page.reload();
  await pageStarted(page);
  assert.equal(await background(), dark);
  await page.getByLabel('Theme').selectOption('system');
  assert.equal(await background(), light);
  await page.context().close();
});
