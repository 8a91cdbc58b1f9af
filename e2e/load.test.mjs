// The built page loads and mounts, at the root and under a sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launchBrowser, openPage } from './serve.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

for (const prefix of ['/', '/docs/tools/ami/']) {
  test(`the page mounts when dist/ is served under ${prefix}`, async () => {
    const server = await serve({ prefix });
    try {
      const page = await openPage(browser, server.base);
      await page.getByRole('heading', { level: 1, name: 'AMI Encryption Explainer' }).waitFor({ timeout: 15000 });
      assert.deepEqual(page.errors, []);
      await page.context().close();
    } finally {
      await server.close();
    }
  });
}
