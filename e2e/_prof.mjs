// Scratch: CPU profile of 200 edits at 26 snapshots; prints self time by function.
import { serve, launchBrowser, openPage, pageStarted } from './serve.mjs';
const server = await serve({ dir: process.env.DIR });
const browser = await launchBrowser();
const page = await openPage(browser, server.base);
await pageStarted(page);
for (let i = 2; i < 26; i++) await page.getByRole('button', { name: 'Add snapshot' }).click();
await page.waitForFunction(() => document.querySelectorAll('fieldset.snapshot').length === 26);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
const t = await page.evaluate(async () => {
  const groups = [...document.querySelectorAll('fieldset.parameter-group')];
  const select = groups[Math.floor(groups.length / 2)].querySelector('select');
  const figure = document.querySelector('figure.diagram');
  const dom = [];
  for (let i = 0; i < 200; i++) {
    const changed = new Promise((r) => { const o = new MutationObserver(() => { o.disconnect(); r(); }); o.observe(figure, { childList: true, subtree: true, characterData: true, attributes: true }); });
    const t0 = performance.now();
    select.value = i % 2 === 0 ? 'true' : '';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await changed; dom.push(performance.now() - t0);
    await new Promise((r) => requestAnimationFrame(() => r()));
  }
  return dom;
});
const { profile } = await cdp.send('Profiler.stop');
const s = [...t].sort((a, b) => a - b);
console.log('edit→DOM median', s[100].toFixed(2), 'p95', s[189].toFixed(2));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas; let total = 0;
profile.samples.forEach((id, i) => { const n = byId.get(id); const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()})`; const d = dt[i] / 1000; self.set(name, (self.get(name) ?? 0) + d); total += d; });
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 45));
for (const [name, ms] of top) console.log((ms / 200).toFixed(3).padStart(7), 'ms/edit', name.slice(0, 150));
// inclusive time by function
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map();
profile.samples.forEach((id, i) => { const seen = new Set(); let cur = id; while (cur !== undefined) { const n = byId.get(cur); const name = n.callFrame.functionName; if (name && !seen.has(name)) { seen.add(name); incl.set(name, (incl.get(name) ?? 0) + dt[i] / 1000); } cur = parent.get(cur); } });
console.log('--- inclusive');
for (const [name, ms] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOPI ?? 60))) console.log((ms / 200).toFixed(3).padStart(7), name.slice(0, 150));
await browser.close(); await server.close();
