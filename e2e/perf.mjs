// Prints page timings measured in headless Chromium with the Performance API. Numbers, not
// assertions: run with scripts/perf (which builds dist/ first).
import { serve, launchBrowser, openPage } from './serve.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)}, n=${xs.length})`;

const server = await serve();
const browser = await launchBrowser();
try {
  // Navigation start → the first diagram in the DOM, in fresh contexts.
  const first = [];
  for (let i = 0; i < 7; i++) {
    const page = await openPage(browser, null);
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (document.querySelector('svg[role=img] g.chip')) { window.__firstDiagram = performance.now(); obs.disconnect(); }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(server.base);
    await page.waitForFunction(() => window.__firstDiagram !== undefined);
    first.push(await page.evaluate(() => window.__firstDiagram));
    await page.context().close();
  }
  console.log(`first diagram after navigation start: ${fmt(first)}`);

  // A parameter change → the updated diagram, with 26 snapshots.
  const page = await openPage(browser, server.base);
  await page.getByRole('table', { name: 'Outcome' }).waitFor();
  for (let i = 0; i < 24; i++) await page.getByRole('button', { name: 'Add snapshot' }).click();
  await page.getByRole('group', { name: 'Snapshot /dev/sdz' }).waitFor();
  const timings = await page.evaluate(async () => {
    const group = [...document.querySelectorAll('fieldset.parameter-group')].find((f) => f.querySelector('legend').textContent.endsWith('/dev/sdm'));
    const select = group.querySelector('select');
    const figure = document.querySelector('figure.diagram');
    const dom = [], frame = [];
    for (let i = 0; i < 30; i++) {
      const changed = new Promise((resolve) => {
        const obs = new MutationObserver(() => { obs.disconnect(); resolve(); });
        obs.observe(figure, { childList: true, subtree: true, characterData: true, attributes: true });
      });
      const t0 = performance.now();
      select.value = i % 2 === 0 ? 'true' : '';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await changed;
      dom.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(() => r()));
      frame.push(performance.now() - t0);
    }
    return { dom, frame };
  });
  console.log(`26 snapshots, change → diagram updated in the DOM: ${fmt(timings.dom)}`);
  console.log(`26 snapshots, change → next frame painted: ${fmt(timings.frame)}`);
  if (page.errors.length) console.log('page errors:', page.errors);
} finally {
  await browser.close();
  await server.close();
}
