// Prints how the page compares with a hello-world Leptos counter built the same way (scripts/perf
// builds both): first-load bytes, first render, and how fast an edit reaches the DOM and the
// screen. Absolute times move from run to run on shared machines, so both pages are measured in
// alternating runs in one browser, and ratios are printed. Numbers, never assertions.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { serve, launchBrowser, openPage, DIST, pageStarted, addressWritten } from './serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const COUNTER = path.resolve(process.env.COUNTER_DIST ?? path.join(ROOT, 'target/perf/counter'));
const RUNS = Number(process.env.PERF_RUNS ?? 11);
const EDIT_PAGES = Number(process.env.PERF_EDIT_PAGES ?? 3);

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const p95 = (xs) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const ms = (x) => `${x.toFixed(1)} ms`;
const spread = (xs) => `median ${ms(median(xs))} (min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))}, n=${xs.length})`;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

/** Loads `url` in a fresh context; returns ms from navigation start until `selector` is in the DOM,
 * and the gzip bytes of the document and every file requested before then; with `ready`, also ms
 * until `ready` is in the DOM (the page: its editor, once the page module has taken over).
 * The page reports both times in console messages: asking the page instead (Playwright's
 * `waitForFunction`) runs Playwright's own script in it while it starts: in one trace that took
 * 15 ms of the page's main thread, in the middle of the page's start. */
async function firstRender(browser, base, dir, selector, ready, options = {}) {
  const page = await openPage(browser, null, options);
  const reported = {};
  const reports = new Promise((resolve) => page.on('console', (message) => {
    const [tag, ms] = message.text().split(' ');
    if (tag !== 'perf:first-render' && tag !== 'perf:ready') return;
    reported[tag] = Number(ms);
    if (reported['perf:first-render'] !== undefined && (!ready || reported['perf:ready'] !== undefined)) resolve();
  }));
  await page.addInitScript(([sel, ready]) => {
    for (const [s, tag] of [[sel, 'perf:first-render'], [ready, 'perf:ready']]) {
      if (!s) continue;
      new MutationObserver((_, obs) => {
        if (document.querySelector(s)) { console.log(`${tag} ${performance.now()}`); obs.disconnect(); }
      }).observe(document, { childList: true, subtree: true });
    }
  }, [selector, ready]);
  await page.goto(base);
  let timer;
  await Promise.race([reports, new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${base}: no first render in 20 s`)), 20000);
  })]).finally(() => clearTimeout(timer));
  const time = reported['perf:first-render'];
  const readyTime = reported['perf:ready'];
  // The document and what was requested before the first render: the page module, requested
  // once the first picture is drawn, is not part of it.
  const fetched = ['/', ...await page.evaluate((t) => performance.getEntriesByType('resource')
    .filter((e) => e.startTime < t).map((e) => new URL(e.name).pathname), time)];
  const bytes = fetched.reduce((sum, p) => {
    const file = path.join(dir, p === '/' ? 'index.html' : p.slice(1));
    return fs.existsSync(file) ? sum + zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length : sum;
  }, 0);
  await page.context().close();
  return { time, bytes, ready: readyTime };
}

/** The address of the default scenario as a link (what the page writes into its address), and of
 * the same scenario with `Encrypted` set for its root volume: a link of the same size whose
 * picture no build has drawn, so the first module draws it. */
async function links(browser, base) {
  const page = await openPage(browser, base);
  await pageStarted(page);
  await addressWritten(page);
  const toDefault = page.url();
  await page.getByRole('group', { name: 'RunInstances parameters for /dev/xvda', exact: true }).getByLabel('Encrypted').selectOption('true');
  await addressWritten(page);
  const toOther = page.url();
  await page.context().close();
  for (const url of [toDefault, toOther]) {
    if (!new URL(url).searchParams.get('s')) throw new Error(`the page wrote no scenario into its address: ${url}`);
  }
  if (toOther === toDefault) throw new Error('the edit did not change the address');
  return { toDefault, toOther };
}

/** Edit → diagram updated in the DOM, and → the next frame, with `snapshots` snapshots. */
async function editTimings(browser, base, snapshots) {
  const page = await openPage(browser, base);
  await pageStarted(page);
  if (snapshots < 2) await page.getByRole('group', { name: 'Snapshot /dev/sdb' }).getByRole('button', { name: 'Remove snapshot' }).click();
  for (let i = 2; i < snapshots; i++) await page.getByRole('button', { name: 'Add snapshot' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('fieldset.snapshot').length === n, snapshots);
  const timings = await page.evaluate(async () => {
    const groups = [...document.querySelectorAll('fieldset.parameter-group')];
    const group = groups[Math.floor(groups.length / 2)];
    const select = group.querySelector('select');
    const figure = document.querySelector('figure.diagram');
    const dom = [], frame = [];
    for (let i = 0; i < 40; i++) {
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
  if (page.errors.length) console.log('page errors:', page.errors);
  await page.context().close();
  return timings;
}

/** The gaps between painted frames while `act` runs: the longest says whether a frame was
 * dropped (over 16.7 ms of work makes a gap of two frames or more). */
async function frameGaps(page, act) {
  await page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    const tick = (now) => { window.__gaps.push(now - last); last = now; if (!window.__stop) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await act();
  const gaps = await page.evaluate(() => { window.__stop = true; return window.__gaps.slice(1); });
  if (page.errors.length) console.log('page errors:', page.errors);
  await page.context().close();
  return gaps;
}

/** Typing a device name at a person's pace (60 ms a key), and deleting it again. */
async function typingFrames(browser, base, snapshots) {
  const page = await openPage(browser, base);
  await pageStarted(page);
  for (let i = 2; i < snapshots; i++) await page.getByRole('button', { name: 'Add snapshot' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('fieldset.snapshot').length === n, snapshots);
  const device = page.getByRole('group', { name: 'Snapshot /dev/sdb' }).getByLabel('Device', { exact: true });
  await device.focus();
  await page.keyboard.press('End');
  return frameGaps(page, async () => {
    await page.keyboard.type('cdefghijklmn', { delay: 60 });
    for (let i = 0; i < 12; i++) await page.keyboard.press('Backspace', { delay: 60 });
  });
}

/** The same for the counter: its button pressed from the keyboard 24 times, 60 ms apart. What
 * this browser on this machine drops with almost nothing to do. */
async function counterFrames(browser, base) {
  const page = await openPage(browser, base);
  await page.locator('#counter').focus();
  return frameGaps(page, async () => {
    for (let i = 0; i < 24; i++) await page.keyboard.press('Enter', { delay: 60 });
  });
}

/** Click a tool's summary → its first worker answer on screen (the worker fetched, started,
 * asked), in a fresh page each time; and the gzip bytes that opening it fetches. */
async function openTool(browser, base, dir, summarySelector, readySelector) {
  const page = await openPage(browser, base);
  await pageStarted(page);
  const fetched = new Set();
  page.on('request', (r) => fetched.add(new URL(r.url()).pathname));
  const time = await page.evaluate(async ([summarySelector, readySelector]) => {
    const summary = document.querySelector(summarySelector);
    const ready = () => {
      const el = document.querySelector(readySelector);
      return el && (el.tagName !== 'TEXTAREA' || el.value.length > 0);
    };
    const t0 = performance.now();
    const shown = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (ready()) { obs.disconnect(); resolve(); }
      });
      obs.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
      // A textarea's value is a property: poll it too.
      const poll = setInterval(() => { if (ready()) { clearInterval(poll); obs.disconnect(); resolve(); } }, 2);
    });
    summary.click();
    await shown;
    return performance.now() - t0;
  }, [summarySelector, readySelector]);
  const bytes = [...fetched].reduce((sum, p) => {
    const file = path.join(dir, path.basename(p));
    return fs.existsSync(file) ? sum + zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length : sum;
  }, 0);
  if (page.errors.length) console.log('page errors:', page.errors);
  await page.context().close();
  return { time, bytes };
}

if (!fs.existsSync(path.join(COUNTER, 'index.html'))) {
  console.error(`no counter build in ${COUNTER}: run scripts/perf`);
  process.exit(1);
}
const pageServer = await serve();
const counterServer = await serve({ dir: COUNTER });
const browser = await launchBrowser();
try {
  // The page's first render, measured as readers open it. A first visit (nothing saved), in
  // English at 1280 px, on a phone (390 px) and in 繁體中文, and a link to the default scenario
  // (the address the page writes for it) get the picture drawn at build time for their language
  // and width (scripts/prerender.mjs). A link to another scenario, and an embed (the embed code's
  // link), are drawn by the first module; the embed has no editor to wait for.
  const { toDefault, toOther } = await links(browser, pageServer.base);
  const pageCases = {
    'first visit': [pageServer.base, {}],
    'first visit, 390 px': [pageServer.base, { viewport: { width: 390, height: 844 } }],
    'first visit, 繁體中文': [pageServer.base, { locale: 'zh-TW' }],
    'a link to the default scenario': [toDefault, {}],
    'a link to another scenario': [toOther, {}],
    'an embed of another scenario': [`${toOther}&embed=1`, { viewport: { width: 800, height: 600 } }],
  };
  const runs = { counter: { time: [], bytes: 0 } };
  for (const name of Object.keys(pageCases)) runs[name] = { time: [], bytes: 0, ready: [] };
  for (let i = 0; i < RUNS; i++) {
    // Rotate which goes first, so that none always gets the warmer browser.
    const order = Object.keys(runs);
    for (let k = 0; k < i % order.length; k++) order.push(order.shift());
    for (const which of order) {
      const r = which === 'counter'
        ? await firstRender(browser, counterServer.base, COUNTER, '#counter')
        : await firstRender(browser, pageCases[which][0], DIST, 'svg[role=img] g.chip',
          which.startsWith('an embed') ? undefined : 'section.editor fieldset.snapshot', pageCases[which][1]);
      const into = runs[which];
      into.time.push(r.time);
      if (r.ready !== undefined) into.ready.push(r.ready);
      into.bytes = r.bytes;
    }
  }
  const { counter } = runs;
  const linked = runs['a link to another scenario'];
  console.log(`first load (gzip -9, every file fetched before the first render):`);
  console.log(`  page, by a link to another scenario (the most it fetches) ${kb(linked.bytes)}, counter ${kb(counter.bytes)}, ratio ${(linked.bytes / counter.bytes).toFixed(2)}×`);
  console.log(`  page, first visit (the build's picture) ${kb(runs['first visit'].bytes)}; an embed ${kb(runs['an embed of another scenario'].bytes)}`);
  console.log(`navigation start → first render (the page: its first diagram; the counter: its button):`);
  const width = Math.max(...Object.keys(runs).map((name) => name.length));
  for (const [name, r] of Object.entries(runs)) console.log(`  ${name.padEnd(width)} ${spread(r.time)}`);
  // Run i of each was taken side by side, on the same machine load: the ratio within each run
  // moves less than the medians do when the machine's load changes during the runs.
  for (const name of Object.keys(pageCases)) {
    const times = runs[name].time;
    const paired = times.map((t, i) => t / counter.time[i]);
    console.log(`  ${name}: ratio of medians ${(median(times) / median(counter.time)).toFixed(2)}×, within each side-by-side run median ${median(paired).toFixed(2)}× (min ${Math.min(...paired).toFixed(2)}×, max ${Math.max(...paired).toFixed(2)}×)`);
  }
  // The first picture draws the outcome; the editor comes with the page module, fetched after it.
  console.log(`navigation start → the editor's controls (the page module started): first visit ${spread(runs['first visit'].ready)}; by a link to another scenario ${spread(linked.ready)}`);
  // 40 edits in each of EDIT_PAGES fresh pages: a p95 of 40 edits is their second-slowest, which
  // a single busy moment of the machine decides.
  for (const n of [1, 8, 26]) {
    const t = { dom: [], frame: [] };
    for (let i = 0; i < EDIT_PAGES; i++) {
      const one = await editTimings(browser, pageServer.base, n);
      t.dom.push(...one.dom); t.frame.push(...one.frame);
    }
    console.log(`${String(n).padStart(2)} snapshot(s), edit → DOM: median ${ms(median(t.dom))}, p95 ${ms(p95(t.dom))}; → next paint: median ${ms(median(t.frame))}, p95 ${ms(p95(t.frame))} (n=${t.dom.length})`);
  }
  const gapLine = (gaps) => `frame gap median ${ms(median(gaps))}, longest ${ms(Math.max(...gaps))}, ${gaps.filter((g) => g > 25).length} of ${gaps.length} gaps over 25 ms`;
  for (const n of [2, 26]) {
    console.log(`typing a device name, ${String(n).padStart(2)} snapshots: ${gapLine(await typingFrames(browser, pageServer.base, n))}`);
  }
  console.log(`counter, its button pressed at the same pace: ${gapLine(await counterFrames(browser, counterServer.base))}`);

  for (const [name, summary, ready] of [
    ['"How do I get…?" → first answer', 'details.advice > summary', '.advice-answer'],
    ['"Take it with you" (export panel) → first code', 'details.take-away > summary', '.take-away textarea'],
    ['the quiz (toolbar "Quiz") → first question', 'nav.tools a.tool[href*="quiz="]', '#quiz-question-heading'],
    ['the decision table → drawn', 'details.decision > summary', 'table.decision'],
  ]) {
    const times = [];
    let bytes = 0;
    for (let i = 0; i < Math.min(RUNS, 7); i++) {
      const r = await openTool(browser, pageServer.base, DIST, summary, ready);
      times.push(r.time);
      bytes = r.bytes;
    }
    console.log(`open ${name} (fetched on demand: ${kb(bytes)} gzip): ${spread(times)}`);
  }
} finally {
  await browser.close();
  await pageServer.close();
  await counterServer.close();
}
