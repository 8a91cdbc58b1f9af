// Bring your own AMI, take the answer away (issue 10): AWS CLI output pasted, chosen and dropped,
// read in the browser; the call exported in four formats; the picture as SVG and PNG; the
// scenario as a JSON file, saved and opened again (file picker and drag-and-drop).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launchBrowser, openPage, OUT, pageStarted } from './serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(here, '../interop/tests/fixtures');
const fixture = (name) => fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8');
let browser, server;
before(async () => {
  browser = await launchBrowser();
  server = await serve({ prefix: '/docs/tools/ami/' });
});
after(async () => { await browser?.close(); await server?.close(); });

const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function open(url = server.base, options = {}) {
  const page = await openPage(browser, url, { reducedMotion: 'reduce', acceptDownloads: true, ...options });
  await pageStarted(page);
  return page;
}

const devices = async (page) => (await page.locator('table.outcome tbody tr th').allInnerTexts()).map((t) => t.trim());

test('bring your own AMI: the commands, several outputs pasted and chosen, a preview, then the scenario; nothing sent anywhere', async () => {
  const page = await open();
  const sent = [];
  page.on('request', (r) => sent.push({ method: r.method(), url: r.url(), body: r.postData() }));
  const byo = page.locator('details.byo');
  await byo.locator('summary').click();
  await byo.getByLabel('AMI ID').fill('ami-0123');
  await byo.getByRole('alert').getByText(/8 or 17 lowercase hexadecimal digits/).waitFor();
  await byo.getByLabel('AMI ID').fill('ami-0abcdef1234567890');
  await byo.getByText('aws ec2 describe-images --region us-east-1 --image-ids ami-0abcdef1234567890', { exact: true }).waitFor();
  assert.match(await byo.locator('pre.snippet').innerText(), /"bundle": 1/);

  // Several outputs in one paste, one more as a chosen file.
  const paste = ['describe-images-owned', 'describe-snapshots-owned', 'list-aliases', 'describe-key-app', 'get-caller-identity'].map(fixture).join('\n');
  await byo.getByLabel(/Paste the output here/).fill(paste);
  await byo.getByLabel('Or choose files').setInputFiles(path.join(FIXTURES, 'get-ebs-encryption-by-default-on.json'));
  await byo.getByText(/Files added: get-ebs-encryption-by-default-on\.json/).waitFor();
  await byo.getByRole('button', { name: 'Read the outputs' }).click();
  const preview = byo.getByRole('region', { name: 'What was read' });
  await preview.waitFor({ timeout: 15000 });
  await preview.getByText(/Read the output of aws ec2 describe-images/).waitFor();
  await preview.getByText(/Left out \/dev\/sd[cd]/).first().waitFor();
  await preview.getByRole('button', { name: 'Replace my scenario with this' }).click();
  await settle(page);
  assert.deepEqual((await devices(page)).sort(), ['/dev/sdb', '/dev/xvda']);
  assert.equal(await page.getByLabel('Encryption by default').isChecked(), true, 'from the chosen file');

  // A paste that is not AWS CLI output: a message, and the scenario is kept.
  await byo.getByLabel(/Paste the output here/).fill('{"Foo": 1}');
  await byo.getByRole('button', { name: 'Remove them' }).click();
  await byo.getByRole('button', { name: 'Read the outputs' }).click();
  await byo.getByRole('alert').getByText(/Nothing was imported/).waitFor();
  assert.deepEqual((await devices(page)).sort(), ['/dev/sdb', '/dev/xvda']);

  // Nothing was sent: the only requests after the page loaded fetch the panels module and the
  // tools worker, from the page's own folder.
  for (const r of sent) {
    assert.equal(r.method, 'GET', JSON.stringify(r));
    assert.equal(r.body, null);
    assert.match(new URL(r.url).pathname,
      /\/docs\/tools\/ami\/(tools-worker(_loader\.js|\.js|_bg\.wasm)|panels(\.js|_bg\.wasm|\.css)|(table|quiz|present)\.css)$/, r.url);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('bring your own AMI in 繁體中文: the labels and the preview are translated', async () => {
  const page = await open(`${server.base}?lang=zh-TW`);
  const byo = page.locator('details.byo');
  await byo.locator('summary').click();
  await byo.getByLabel(/在此貼上輸出/).fill(fixture('describe-images-owned'));
  await byo.getByRole('button', { name: '讀取輸出' }).click();
  await byo.getByRole('region', { name: '讀到的內容' }).getByText(/已讀取 aws ec2 describe-images 的輸出/).waitFor({ timeout: 15000 });
  await page.context().close();
});

test('take it with you: every export format in tabs, from the keyboard too', async () => {
  const page = await open();
  const take = page.locator('details.take-away');
  await take.locator('summary').click();
  const expected = [
    ['AWS CLI', /aws ec2 run-instances/],
    ['Terraform', /resource "aws_instance"/],
    ['CloudFormation', /AWS::EC2::Instance/],
    ['Packer', /source "amazon-ebs"/],
  ];
  for (const [name, pattern] of expected) {
    await take.getByRole('tab', { name }).click();
    assert.equal(await take.getByRole('tab', { name }).getAttribute('aria-selected'), 'true');
    await page.waitForFunction(([sel, re]) => new RegExp(re).test(document.querySelector(sel)?.value ?? ''), ['.take-away textarea', pattern.source]);
  }
  // Arrow keys move between tabs; the code follows.
  await take.getByRole('tab', { name: 'Packer' }).focus();
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.activeElement.textContent.trim() === 'AWS CLI');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /resource "aws_instance"/.test(document.querySelector('.take-away textarea').value));
  // The code is the current scenario's.
  await page.getByLabel('Copy (CopyImage)').check();
  await page.waitForFunction(() => /aws_ami_copy/.test(document.querySelector('.take-away textarea').value));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the picture as SVG and PNG, the scenario as JSON, saved and opened again (picker and drop)', async () => {
  const page = await open();
  const take = page.locator('details.take-away');
  await take.locator('summary').click();
  const save = async (button) => {
    const [download] = await Promise.all([page.waitForEvent('download'), take.getByRole('button', { name: button }).click()]);
    const file = path.join(OUT, download.suggestedFilename());
    await download.saveAs(file);
    return file;
  };
  // SVG: standalone, title and description kept, colours inline, opens in a browser on its own.
  const svgFile = await save('Download the picture (SVG)');
  const svg = fs.readFileSync(svgFile, 'utf8');
  assert.match(svg, /^<\?xml/);
  assert.match(svg, /<title[^>]*>[^<]+<\/title>/);
  assert.match(svg, /<desc[^>]*>[^<]+<\/desc>/);
  assert.match(svg, /style="fill:/);
  assert.ok(!/class="/.test(svg), 'no class left to a style sheet that is not there');
  const viewer = await openPage(browser, null);
  await viewer.goto(`file://${svgFile}`);
  const drawn = await viewer.evaluate(() => ({ tag: document.documentElement.tagName, w: document.documentElement.getBoundingClientRect().width }));
  assert.equal(drawn.tag, 'svg');
  assert.ok(drawn.w > 300, JSON.stringify(drawn));
  await viewer.context().close();
  // PNG at twice the picture's size.
  const pngFile = await save('Download the picture (PNG, 2×)');
  const png = fs.readFileSync(pngFile);
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  const width = png.readUInt32BE(16);
  const viewBoxWidth = Number((await page.locator('svg[data-testid=diagram]').getAttribute('viewBox')).split(' ')[2]);
  assert.equal(width, viewBoxWidth * 2);
  // JSON: saved, then the scenario changes, then the file brings it back.
  const before = await devices(page);
  const jsonFile = await save('Download the scenario (JSON)');
  await page.getByRole('button', { name: 'Add snapshot' }).click();
  await settle(page);
  assert.notDeepEqual(await devices(page), before);
  await take.getByLabel('Open a scenario file').setInputFiles(jsonFile);
  await page.waitForFunction((n) => document.querySelectorAll('table.outcome tbody tr th').length === n, before.length);
  assert.deepEqual(await devices(page), before);
  // Dropped on the page.
  await page.getByRole('button', { name: 'Add snapshot' }).click();
  await settle(page);
  const text = fs.readFileSync(jsonFile, 'utf8');
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'scenario.json', { type: 'application/json' }));
    document.querySelector('main').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, text);
  await page.waitForFunction((n) => document.querySelectorAll('table.outcome tbody tr th').length === n, before.length);
  // A dropped file that is not a scenario: a message, and the scenario is kept.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['not json'], 'notes.txt', { type: 'text/plain' }));
    document.querySelector('main').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await page.getByRole('alert').getByText(/That file is not a scenario/).waitFor();
  assert.deepEqual(await devices(page), before);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
