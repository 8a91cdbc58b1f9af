// The explainer as a user drives it: by roles and labels, reading the "Outcome" table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launchBrowser, openPage, OUT, pageStarted } from './serve.mjs';

let browser, server;
before(async () => { browser = await launchBrowser(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });

async function fresh(options = {}) {
  const page = await openPage(browser, server.base, { reducedMotion: 'reduce', ...options });
  // A page that never mounts fails here, fast.
  await pageStarted(page);
  return page;
}

/** Lets the page apply the last input (Leptos updates the DOM on its async executor). */
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** The Outcome table as { device: { encrypted, key, change, rule, basis } }. */
async function outcome(page) {
  await settle(page);
  const rows = await page.getByRole('table', { name: 'Outcome' }).locator('tbody tr').all();
  const result = {};
  for (const row of rows) {
    const cells = (await row.locator('th, td').allInnerTexts()).map((c) => c.trim());
    if (cells.length < 6) continue;
    const [device, encrypted, key, change, rule, basis] = cells;
    // The key cell has the key's name, then its full ARN on a line of its own.
    result[device] = { encrypted, key: key.split('\n')[0].trim(), arn: key.split('\n').pop().trim(), change, rule: rule.split('\n').pop().trim(), basis };
  }
  return result;
}

const snapshot = (page, device) => page.getByRole('group', { name: `Snapshot ${device}` });
const launchParams = (page, device) => page.getByRole('group', { name: `RunInstances parameters for ${device}`, exact: true });

test('the starter scenario: a shared encrypted root is re-encrypted with the default key', async () => {
  const page = await fresh();
  const table = await outcome(page);
  assert.deepEqual(table['/dev/xvda'], { encrypted: 'Yes', key: 'alias/aws/ebs', arn: 'arn:aws:kms:us-east-1:123456789012:alias/aws/ebs', change: 're-encrypted', rule: 'launch.shared-default-key', basis: 'Documented' });
  assert.equal(table['/dev/sdb'].encrypted, 'No');
  const svg = page.getByRole('img', { name: /Before and after RunInstances/ });
  assert.match(await svg.locator('desc').textContent(), /\/dev\/xvda: encrypted with alias\/partner → encrypted with alias\/aws\/ebs/);
  await page.getByRole('status').filter({ hasText: 'RunInstances is accepted' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('launch with parameters re-encrypts with the key asked for; clearing them restores the default', async () => {
  const page = await fresh();
  const group = launchParams(page, '/dev/xvda');
  await group.getByLabel('Encrypted').selectOption('true');
  await group.getByLabel('KmsKeyId').selectOption({ label: 'alias/app (yours)' });
  let table = await outcome(page);
  assert.equal(table['/dev/xvda'].key, 'alias/app');
  assert.equal(table['/dev/xvda'].rule, 'launch.specified-key');
  // The other device keeps its own (absent) parameters.
  assert.equal(table['/dev/sdb'].encrypted, 'No');
  await launchParams(page, '/dev/sdb').getByLabel('Encrypted').selectOption('true');
  table = await outcome(page);
  assert.deepEqual([table['/dev/sdb'].key, table['/dev/sdb'].change], ['alias/aws/ebs', 'newly encrypted']);
  await group.getByLabel('KmsKeyId').selectOption({ label: 'not set' });
  await group.getByLabel('Encrypted').selectOption({ label: 'not set' });
  assert.equal((await outcome(page))['/dev/xvda'].key, 'alias/aws/ebs');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a new empty volume and encryption by default', async () => {
  const page = await fresh();
  await page.getByRole('button', { name: 'Add new volume' }).click();
  let table = await outcome(page);
  assert.deepEqual([table['/dev/sdc'].encrypted, table['/dev/sdc'].rule], ['No', 'launch.new-volume-unencrypted']);
  await page.getByLabel('Encryption by default').check();
  table = await outcome(page);
  assert.ok(Object.values(table).every((row) => row.encrypted === 'Yes'), JSON.stringify(table));
  await page.getByRole('group', { name: /RunInstances parameters for \/dev\/sdc/ }).getByRole('button', { name: 'Remove new volume' }).click();
  assert.equal((await outcome(page))['/dev/sdc'], undefined);
  await page.context().close();
});

test('copy: image-level parameters, and Encrypted=false on an encrypted AMI is refused', async () => {
  const page = await fresh();
  await page.getByRole('radiogroup', { name: 'Operation' }).getByLabel('Copy (CopyImage)').check();
  const group = page.getByRole('group', { name: 'CopyImage parameters' });
  await group.waitFor();
  assert.equal(await page.getByRole('group', { name: /^RunInstances parameters for/ }).count(), 0);
  let table = await outcome(page);
  assert.equal(table['/dev/xvda'].rule, 'copy.shared-default-key');
  assert.match(table['/dev/xvda'].basis, /AWS pages disagree/);
  await page.getByRole('button', { name: 'The other reading' }).or(page.getByText('The other reading')).first().click();
  await page.getByText(/keeps the owner's key, alias\/partner/).waitFor();

  await group.getByLabel('Encrypted').selectOption('false');
  const alert = page.getByRole('alert');
  await alert.getByText('InvalidRequest').waitFor();
  assert.match(await alert.textContent(), /CopyImage is refused/);
  assert.deepEqual(await outcome(page), {});
  await group.getByLabel('Encrypted').selectOption('true');
  await group.getByLabel('KmsKeyId').selectOption({ label: 'alias/app (yours)' });
  table = await outcome(page);
  assert.ok(Object.values(table).every((row) => row.key === 'alias/app'), JSON.stringify(table));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('KmsKeyId without Encrypted is refused with InvalidParameterDependency', async () => {
  const page = await fresh();
  await launchParams(page, '/dev/sdb').getByLabel('KmsKeyId').selectOption({ label: 'alias/app (yours)' });
  const alert = page.getByRole('alert');
  await alert.getByText('InvalidParameterDependency').waitFor();
  assert.match(await alert.textContent(), /RunInstances is refused/);
  // Said at the control too.
  await launchParams(page, '/dev/sdb').getByText(/only counts together with Encrypted=true/).waitFor();
  assert.deepEqual(await outcome(page), {});
  await page.context().close();
});

test('a key you may not use: accepted, then the instance terminates', async () => {
  const page = await fresh();
  await page.getByRole('group', { name: 'KMS key alias/partner' }).getByLabel('Usable by you').uncheck();
  const alert = page.getByRole('alert');
  await alert.getByText('Client.InternalError').waitFor();
  assert.match(await alert.textContent(), /pending to terminated/);
  assert.match(await alert.textContent(), /alias\/partner/);
  // What would have been created is still drawn and listed.
  assert.equal((await outcome(page))['/dev/xvda'].key, 'alias/aws/ebs');
  await page.context().close();
});

test('a typed identifier that names no key fails later and says so at the control', async () => {
  const page = await fresh();
  const group = launchParams(page, '/dev/xvda');
  await group.getByLabel('Encrypted').selectOption('true');
  await group.getByLabel('KmsKeyId').selectOption({ label: 'Another identifier…' });
  await group.getByLabel('Key identifier').fill('alias/typo');
  await group.getByText(/No key in this account is named alias\/typo/).waitFor();
  await page.getByRole('alert').getByText('Client.InternalError').waitFor();
  await group.getByLabel('Key identifier').fill('not a key');
  await group.getByText(/is not a key ID, key ARN, alias name or alias ARN/).waitFor();
  // All four forms of one key are accepted.
  await group.getByLabel('Key identifier').fill('arn:aws:kms:us-east-1:111122223333:alias/partner');
  assert.equal((await outcome(page))['/dev/xvda'].key, 'alias/partner');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('impossible edits get a message at the control and keep the last outcome', async () => {
  const page = await fresh();
  const before = await outcome(page);
  // A shared snapshot encrypted with the owner's aws/ebs cannot exist.
  await snapshot(page, '/dev/xvda').getByLabel('Snapshot key').selectOption({ label: 'alias/aws/ebs (AWS managed)' });
  await snapshot(page, '/dev/xvda').getByText(/cannot use the owner's aws\/ebs key/).waitFor();
  assert.deepEqual(await outcome(page), before);
  await page.getByRole('status').filter({ hasText: 'This scenario cannot exist' }).waitFor();
  await snapshot(page, '/dev/xvda').getByLabel('Owner').selectOption({ label: 'You' });
  assert.equal((await outcome(page))['/dev/xvda'].key, 'alias/aws/ebs');

  // A duplicate device, then a malformed one.
  await snapshot(page, '/dev/sdb').getByLabel('Device').fill('/dev/xvda');
  await page.getByRole('group', { name: 'Snapshot /dev/xvda' }).nth(1).getByText('Another snapshot already uses /dev/xvda.').waitFor();
  await page.getByRole('group', { name: 'Snapshot /dev/xvda' }).nth(1).getByLabel('Device').fill('/dev/disk');
  await page.getByText(/Not a device name EC2 accepts/).first().waitFor();
  assert.equal(Object.keys(await outcome(page)).length, 2);
  await snapshot(page, '/dev/disk').getByLabel('Device').fill('/dev/sdf');
  assert.ok((await outcome(page))['/dev/sdf']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Regions, callers, key states and sizes: the controls of the engine\'s second part', async () => {
  const page = await fresh();
  const account = page.getByRole('group', { name: 'Account' });
  // A launch in eu-west-1: the partner's key moves with the call's Region and is named by its ARN there.
  await account.getByLabel('Region of the call').fill('eu-west-1');
  await account.getByLabel('Region of the call').press('Tab');
  let table = await outcome(page);
  assert.equal(table['/dev/xvda'].arn, 'arn:aws:kms:eu-west-1:123456789012:alias/aws/ebs');
  const svg = page.getByRole('img', { name: /Before and after RunInstances/ });
  assert.match(await svg.textContent(), /in eu-west-1/);

  // Copy from us-west-2: the key that only the snapshot uses moves there with the AMI, and its
  // folded settings open to show it.
  await page.getByLabel('Copy (CopyImage)').check();
  const source = page.getByLabel('Source Region (SourceRegion)');
  await source.fill('us-west-2');
  await source.press('Tab');
  const partner = page.getByRole('group', { name: 'KMS key alias/partner' });
  assert.equal(await partner.getByLabel('Region', { exact: true }).inputValue(), 'us-west-2');
  assert.equal(await partner.locator('details.key-more').evaluate((d) => d.open), true);
  // Put it back in the wrong Region by hand: the snapshot says what is wrong, at the snapshot.
  await partner.getByLabel('Region', { exact: true }).fill('eu-west-1');
  await partner.getByLabel('Region', { exact: true }).press('Tab');
  await snapshot(page, '/dev/xvda').getByText(/not in the AMI's Region/).waitFor();
  await partner.getByLabel('Region', { exact: true }).fill('us-west-2');
  await partner.getByLabel('Region', { exact: true }).press('Tab');
  table = await outcome(page);
  assert.equal(table['/dev/xvda'].rule, 'copy.cross-region-default-key');
  assert.equal(table['/dev/xvda'].arn, 'arn:aws:kms:eu-west-1:123456789012:alias/aws/ebs');
  assert.match(await page.getByRole('img', { name: /Before and after CopyImage/ }).textContent(), /in us-west-2.*in eu-west-1/s);

  // Without read access to the shared snapshot, the copy is refused at once.
  await snapshot(page, '/dev/xvda').getByLabel(/You may read it/).uncheck();
  await page.getByRole('alert').getByText('InvalidRequest', { exact: true }).waitFor();
  await snapshot(page, '/dev/xvda').getByLabel(/You may read it/).check();

  // An in-Region copy again (the key comes back to the call's Region), then a launch by Auto
  // Scaling with a customer managed default key it may not use.
  await source.fill('');
  await source.press('Tab');
  assert.equal(await partner.getByLabel('Region', { exact: true }).inputValue(), '');
  await page.getByLabel('Launch (RunInstances)').check();
  // A key's less common settings are folded away until used.
  await partner.locator('summary', { hasText: 'More about this key' }).click();
  await partner.getByLabel(/Usable by Amazon EC2 Auto Scaling/).check();
  await page.getByRole('button', { name: 'Add key' }).click();
  await account.getByLabel('Default KMS key').selectOption({ label: 'alias/key-1 (yours)' });
  await page.getByLabel('Encryption by default').check();
  await page.getByLabel('Who launches').selectOption('auto-scaling');
  const alert = page.getByRole('alert');
  await alert.getByText('Client.InternalError', { exact: true }).waitFor();
  assert.match(await alert.textContent(), /Auto Scaling service-linked role/);
  assert.match(await alert.textContent(), /AWS documents this code/);
  const key1 = page.getByRole('group', { name: 'KMS key alias/key-1' });
  assert.equal(await key1.locator('details.key-more').evaluate((d) => d.open), false, 'folded while unused');
  await key1.locator('summary', { hasText: 'More about this key' }).click();
  await key1.getByLabel(/Usable by Amazon EC2 Auto Scaling/).check();
  await page.getByRole('status').filter({ hasText: 'RunInstances is accepted' }).waitFor();

  // A disabled key fails later with the key-state code, which only public reports show.
  await page.getByRole('group', { name: 'KMS key alias/key-1' }).getByLabel('Key state').selectOption('disabled');
  await alert.getByText('Client.InvalidKMSKey.InvalidState', { exact: true }).waitFor();
  assert.match(await alert.textContent(), /public reports/);
  await page.getByRole('group', { name: 'KMS key alias/key-1' }).getByLabel('Key state').selectOption('enabled');

  // VolumeSize smaller than the snapshot is refused; NoDevice leaves the device out.
  const data = launchParams(page, '/dev/sdb');
  await data.getByLabel('VolumeSize (GiB)').fill('4');
  await data.getByLabel('VolumeSize (GiB)').press('Tab');
  await page.getByRole('alert').getByText('InvalidBlockDeviceMapping', { exact: true }).waitFor();
  await data.getByLabel('VolumeSize (GiB)').fill('');
  await data.getByLabel('VolumeSize (GiB)').press('Tab');
  await data.getByLabel(/NoDevice/).check();
  table = await outcome(page);
  assert.equal(table['/dev/sdb'], undefined);
  assert.match(await page.getByRole('img', { name: /Before and after RunInstances/ }).locator('desc').textContent(), /\/dev\/sdb is left out of the instance with NoDevice/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('26 snapshots stay usable, and the picture has a row for each', async () => {
  const page = await fresh();
  const add = page.getByRole('button', { name: 'Add snapshot' });
  for (let i = 0; i < 24; i++) await add.click();
  const table = await outcome(page);
  assert.equal(Object.keys(table).length, 26);
  assert.ok(table['/dev/sdz']);
  await snapshot(page, '/dev/sdz').getByLabel('Encrypted').check();
  assert.equal((await outcome(page))['/dev/sdz'].encrypted, 'Yes');
  assert.equal(await page.getByRole('img', { name: /Before and after/ }).locator('g.chip').count(), 52);
  await snapshot(page, '/dev/sdm').getByRole('button', { name: 'Remove snapshot' }).click();
  assert.equal(Object.keys(await outcome(page)).length, 25);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the scenario as JSON: copy it out, paste junk for a clear message, paste a scenario to load it', async () => {
  const page = await fresh();
  await page.getByText('Scenario as JSON').click();
  const field = page.getByLabel('Scenario JSON');
  const shown = JSON.parse(await field.inputValue());
  assert.equal(shown.operation, 'launch');
  assert.equal(shown.snapshots.length, 2);
  // Junk: a message with line and column, the scenario untouched, no panic.
  await field.fill('{"operation": "lunch", "snapshots": []}');
  await page.getByRole('button', { name: 'Load JSON' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'This is not a scenario' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /line 1, column 21: unknown variant `lunch`/);
  assert.equal((await outcome(page))['/dev/xvda'].rule, 'launch.shared-default-key');
  // The README's format loads.
  await field.fill(JSON.stringify({ operation: 'copy', account: { encryption_by_default: true },
    snapshots: [{ device: '/dev/xvda', encrypted: false }, { device: '/dev/sdb', encrypted: true, kms_key: 'alias/app', owner: 'self' }] }));
  await page.getByRole('button', { name: 'Load JSON' }).click();
  const table = await outcome(page);
  assert.deepEqual(Object.values(table).map((r) => r.rule), ['copy.encryption-by-default', 'copy.owned-keeps-key']);
  assert.equal(await alert.count(), 0);
  await page.getByRole('group', { name: 'CopyImage parameters' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('everything works from the keyboard', async () => {
  const page = await fresh();
  await page.getByLabel('Launch (RunInstances)').focus();
  await page.keyboard.press('ArrowRight');
  await page.getByRole('group', { name: 'CopyImage parameters' }).waitFor();
  await page.getByRole('button', { name: 'Add snapshot' }).focus();
  await page.keyboard.press('Enter');
  await snapshot(page, '/dev/sdc').waitFor();
  await snapshot(page, '/dev/sdc').getByLabel('Encrypted').focus();
  await page.keyboard.press('Space');
  assert.equal((await outcome(page))['/dev/sdc'].encrypted, 'Yes');
  // Regression: every edit used to rebuild the parameter editor and drop the keyboard focus.
  await page.getByLabel('Launch (RunInstances)').check();
  const encrypted = launchParams(page, '/dev/sdb').getByLabel('Encrypted');
  await encrypted.focus();
  await encrypted.selectOption('true');
  await settle(page);
  assert.equal((await outcome(page))['/dev/sdb'].encrypted, 'Yes');
  assert.ok(await encrypted.evaluate((el) => el === document.activeElement), 'focus stays on the control');
  await page.context().close();
});

test('screenshots: light, dark, and a 390 px phone', async () => {
  for (const [name, options] of [
    ['light', {}],
    ['dark', { colorScheme: 'dark' }],
    ['narrow', { viewport: { width: 390, height: 844 } }],
  ]) {
    const page = await fresh(options);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= (options.viewport?.width ?? 1280), `${name}: the page scrolls sideways (${width}px)`);
    await page.screenshot({ path: path.join(OUT, `explainer-${name}.png`), fullPage: true });
    await page.locator('.result').screenshot({ path: path.join(OUT, `explainer-${name}-result.png`) });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});
