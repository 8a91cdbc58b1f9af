// Typing in a big scenario touches only what the keystroke changed. Counted, never timed: how
// many elements Chromium restyles per keystroke (from its trace), and whether the parameter group
// of the snapshot being renamed is the same element before and after. scripts/perf prints the
// times.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launchBrowser, openPage, pageStarted, addressWritten } from './serve.mjs';

let browser, server;
before(async () => { browser = await launchBrowser(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The elements Chromium restyled in each style update while `act` ran. */
async function restyled(page, act) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
  await act();
  await cdp.send('Tracing.end');
  await done;
  return events
    .filter((e) => e.name === 'UpdateLayoutTree' && e.ph === 'X')
    .map((e) => e.args?.elementCount ?? e.args?.data?.elementCount)
    .filter((n) => typeof n === 'number');
}

test('typing a device name with 26 snapshots: its parameter group is kept, and a keystroke restyles a few elements, not whole cards', async () => {
  const page = await openPage(browser, server.base);
  await pageStarted(page);
  for (let i = 2; i < 26; i++) await page.getByRole('button', { name: 'Add snapshot' }).click();
  await page.waitForFunction(() => document.querySelectorAll('fieldset.snapshot').length === 26);
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);

  await page.getByRole('group', { name: 'RunInstances parameters for /dev/sdb' }).evaluate((group) => { group.dataset.seen = 'before'; });
  const device = page.getByRole('group', { name: 'Snapshot /dev/sdb' }).getByLabel('Device', { exact: true });
  await device.focus();
  await page.keyboard.press('End');
  const counts = await restyled(page, async () => {
    await page.keyboard.type('cd', { delay: 80 });
    await page.getByRole('group', { name: 'Snapshot /dev/sdbcd' }).waitFor();
    await page.waitForTimeout(100);
  });

  // Regression: the groups were keyed by device name, so each keystroke built the group anew.
  const renamed = page.getByRole('group', { name: 'RunInstances parameters for /dev/sdbcd' });
  assert.equal(await renamed.evaluate((group) => group.dataset.seen), 'before', 'the same group, redrawn in place');
  assert.equal(await device.evaluate((input) => input === document.activeElement), true, 'focus stays in the field');

  // Regression: `legend + *` and `group + group` in style/main.css made Chromium restyle a whole
  // card (~1,350 of ~2,800 elements) whenever a problem line or a group came or went.
  assert.ok(counts.length > 0, 'the trace has style updates');
  const most = Math.max(...counts);
  assert.ok(most < 300, `a keystroke restyled ${most} of ${elements} elements (${counts.join(', ')})`);

  // Adding a snapshot adds a row and a group: those are restyled, not the cards around them.
  const adding = await restyled(page, async () => {
    await page.getByRole('button', { name: 'Add snapshot' }).click();
    await page.waitForFunction(() => document.querySelectorAll('fieldset.snapshot').length === 27);
    await page.waitForTimeout(100);
  });
  const mostAdding = Math.max(...adding);
  assert.ok(mostAdding < 400, `adding a snapshot restyled ${mostAdding} of ${elements} elements (${adding.join(', ')})`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a renamed volume does not play its arrival again; a new one does', async () => {
  const page = await openPage(browser, server.base, { reducedMotion: 'no-preference' });
  await pageStarted(page);
  const arrivals = () => page.evaluate(() => document.getAnimations()
    .filter((a) => a.animationName === 'arrive' && a.playState === 'running')
    .map((a) => a.effect.target.querySelector('text.device')?.textContent));
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const device = page.getByRole('group', { name: 'Snapshot /dev/sdb' }).getByLabel('Device', { exact: true });
  await device.focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('f');
  await page.locator('figure.diagram g.chip.after text.device', { hasText: '/dev/sdf' }).waitFor();
  // Regression: the picture kept unchanged shapes and built changed ones anew, so the renamed
  // volume faded in again at every keystroke.
  assert.deepEqual(await arrivals(), [], 'typing plays no arrival');
  await page.getByRole('button', { name: 'Add snapshot' }).click();
  await page.waitForFunction(() => document.querySelectorAll('fieldset.snapshot').length === 3);
  const added = await arrivals();
  assert.equal(added.length, 1, `the added volume arrives: ${JSON.stringify(added)}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a keystroke gives the browser\'s autofill a few controls to read, not the whole editor; Enter in a field sends nothing', async () => {
  const page = await openPage(browser, server.base);
  await pageStarted(page);
  for (let i = 2; i < 26; i++) await page.getByRole('button', { name: 'Add snapshot' }).click();
  await page.waitForFunction(() => document.querySelectorAll('fieldset.snapshot').length === 26);
  // After each input Chromium's autofill reads every control of the changed control's form, and
  // all the controls outside any form as one form. Regression: with no forms, that was all 340
  // controls at 26 snapshots, ~16 ms of the main thread after each keystroke in a device name
  // (more than the keystroke's own frame). Each snapshot, key and parameter group has a form now;
  // outside them are the tool bar's and the account's few.
  const read = await page.evaluate(() => {
    const controls = [...document.querySelectorAll('input, select, textarea, button')];
    const outside = controls.filter((c) => !c.form).length;
    return { controls: controls.length, most: Math.max(...controls.map((c) => (c.form ? c.form.elements.length : outside))) };
  });
  assert.ok(read.controls > 300, `the editor has its controls (${read.controls})`);
  assert.ok(read.most <= 60, `a change makes autofill read up to ${read.most} of ${read.controls} controls`);

  // A form whose only text field is the key identifier: Enter there submits it.
  await page.getByRole('radiogroup', { name: 'Operation' }).getByLabel('Copy (CopyImage)').check();
  const group = page.getByRole('group', { name: 'CopyImage parameters' });
  await group.getByLabel('KmsKeyId').selectOption({ label: 'Another identifier…' });
  const identifier = group.getByLabel('Key identifier');
  await identifier.fill('alias/from-a-ticket');
  await page.evaluate(() => { window.stillHere = true; });
  await identifier.press('Enter');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.stillHere), true, 'Enter did not load another page');
  await addressWritten(page);
  assert.deepEqual([...new URL(page.url()).searchParams.keys()], ['s'], 'the address holds the scenario only');
  assert.equal(await identifier.inputValue(), 'alias/from-a-ticket');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
