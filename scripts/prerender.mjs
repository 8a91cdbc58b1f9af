// Trunk post-build hook (release builds): writes the first picture of the page as it opens with no
// link, no saved work and in English into index.html, so that a first visit shows the default
// scenario's outcome at the first paint instead of once the first module has run.
//
// The picture is the page's own: the built page is opened in headless Chromium (the one the tests
// use), its first module draws the first picture, and that markup is taken as it was when the
// first volume was drawn (before the parts it adds after its first paint). It goes into a
// <template>; a small script (first-paint-<hash>.js, external, for a strict CSP) puts it on the
// page only when the page opens on exactly that scenario, and the first module then draws its own
// picture in its place, in one task. The same script says so when the first module cannot start
// (its texts for that come from locales/). Debug builds (`trunk serve`) are left as they are.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
// The tests' static server: the staging folder is served exactly as they serve dist/.
import { serve } from '../e2e/serve.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail('TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const index = path.join(staging, 'index.html');
const html = fs.readFileSync(index, 'utf8');
if (html.includes('id="first-paint"')) fail('index.html already has a first picture');

// Under the public URL the build was made for, when it is an absolute path (`--public-url /docs/`):
// the page's files are addressed from there.
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? './';
const prefix = publicUrl.startsWith('/') ? publicUrl.replace(/\/?$/, '/') : '/';
const server = await serve({ dir: path.resolve(staging), prefix });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--lang=en-US'],
});
let picture, starter;
try {
  // The first picture, with the page module held back so that nothing replaces it.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route('**/page.js', () => {});
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const picture = document.querySelector('.first-picture');
      if (picture?.querySelector('svg[role=img] g.chip')) {
        window.firstPicture = picture.outerHTML;
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(server.base);
  picture = await (await page.waitForFunction(() => window.firstPicture, null, { timeout: 30000 })).jsonValue();
  if (errors.length) fail(`the page failed while drawing its first picture: ${errors.join('; ')}`);
  await context.close();
  // The default scenario as the page saves it: the script compares a saved scenario with it.
  const full = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const opened = await full.newPage();
  await opened.goto(server.base);
  starter = await (await opened.waitForFunction(
    () => localStorage.getItem('ami-explainer:scenario:v1'), null, { timeout: 30000 })).jsonValue();
  await full.close();
} finally {
  await browser.close();
  await server.close();
}
// A strict Content-Security-Policy (style-src 'self') refuses style attributes in markup.
if (/\sstyle="/.test(picture)) fail('the first picture has a style attribute, which a strict CSP refuses');

const script = `// Puts the default scenario's outcome, drawn at build time (scripts/prerender.mjs), on the page
// when the page opens on exactly that scenario: no address parameters, nothing saved but that
// scenario, no note from this tab, English, and a window wide enough for the picture drawn.
// Otherwise the first module draws the picture, as it always does. A saved theme is applied here,
// before the first paint, in either case. And if the first module cannot start, this says so.
(() => {
  const template = document.getElementById('first-paint');
  const stored = (key) => { try { return localStorage.getItem(key); } catch { return null; } };
  // As Lang::choose and Lang::from_tag (src/i18n.rs): the link's choice, the saved one, then the
  // browser's list.
  const lang = [new URLSearchParams(location.search).get('lang'), stored('ami-explainer:lang'), ...navigator.languages]
    .map((tag) => (tag ?? '').trim().toLowerCase().replace(/_/g, '-'))
    .find((tag) => tag.startsWith('en') || /^zh-(tw|hant|hk|mo)(-|$)/.test(tag)) ?? 'en';
  // The first module could not start: its files did not arrive, or the browser refused to compile
  // its WebAssembly (as under a Content-Security-Policy without 'wasm-unsafe-eval'). Say so, rather
  // than leave "on their way", or nothing, on screen. Once the module has drawn anything, errors
  // are its own to handle (src/crash.rs).
  const failed = (event) => {
    if (!(event instanceof ErrorEvent) && event.target?.tagName !== 'SCRIPT') return;
    const built = document.querySelector('body > .first-picture.prerendered');
    const ours = ['SCRIPT', 'TEMPLATE', 'NOSCRIPT'];
    if ([...document.body.children].some((e) => e !== built && !ours.includes(e.tagName))) return;
    removeEventListener('error', failed, true);
    const alert = document.createElement('div');
    alert.className = 'card alert warning';
    alert.setAttribute('role', 'alert');
    alert.append(document.createElement('p'));
    if (built) {
      // The picture is right; only the editor is missing, as when the page module cannot load.
      alert.firstChild.textContent = ${JSON.stringify(text('en.txt', 'editor.unavailable'))};
      built.inert = false;
      built.querySelector('.editor').removeAttribute('aria-busy');
      built.querySelector('.editor-loading').replaceWith(alert);
    } else {
      alert.firstChild.textContent = lang.startsWith('en')
        ? ${JSON.stringify(text('en.txt', 'app.start-failed'))}
        : ${JSON.stringify(text('zh-TW.txt', 'app.start-failed'))};
      if (!lang.startsWith('en')) document.documentElement.lang = 'zh-TW';
      const main = document.createElement('main');
      main.className = 'start-failed';
      main.append(alert);
      document.body.prepend(main);
    }
  };
  addEventListener('error', failed, true);
  try {
    // As is_embed (src/lib.rs): an \`embed\` parameter other than 0.
    const embedded = /[?&]embed(=(?!0(&|$))|&|$)/.test(location.search);
    const theme = embedded ? null : localStorage.getItem('ami-explainer:theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
    if (location.search || innerWidth < 700 || !lang.startsWith('en')) return;
    const saved = localStorage.getItem('ami-explainer:scenario:v1');
    if (saved !== null && saved !== ${JSON.stringify(starter)}) return;
    if (sessionStorage.getItem('ami-explainer:unwritten:v1') !== null) return;
    template.replaceWith(template.content);
    // The tool bar's copy shows the saved theme, as the bar will.
    const option = theme && document.querySelector(\`.first-picture.prerendered .bar option[value="\${theme}"]\`);
    if (option) option.selected = true;
  } catch {
    // Storage refused (a sandboxed frame): the first module draws the picture.
  }
})();
`;
const name = `first-paint-${createHash('sha256').update(script).digest('hex').slice(0, 16)}.js`;
fs.writeFileSync(path.join(staging, name), script);
const integrity = 'sha384-' + createHash('sha384').update(script).digest('base64');
const tags = `<template id="first-paint">${picture.replace('class="first-picture"', 'class="first-picture prerendered"')}</template>
    <script src="./${name}" integrity="${integrity}"></script>
  </body>`;
if (!html.includes('</body>')) fail('index.html has no </body>');
fs.writeFileSync(index, html.replace('</body>', tags));

/** The text for \`key\` in locales/\`file\`, read as src/i18n.rs reads it (\`key = value\` lines). */
function text(file, key) {
  const source = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'locales', file), 'utf8');
  const line = source.split('\n').map((l) => l.trim()).find((l) => l.startsWith(`${key} = `));
  if (!line) fail(`locales/${file} has no ${key}`);
  return line.slice(key.length + 3).trim();
}

function fail(message) {
  console.error(`prerender: ${message}`);
  process.exit(1);
}
