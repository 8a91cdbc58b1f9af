// Trunk post-build hook (release builds): writes the first picture of the page as it opens on the
// default scenario into index.html, in each language and in both layouts (wide, and the narrow
// one that stacks the diagram), so that a first visit shows the default scenario's outcome at the
// first paint instead of once the first module has run.
//
// The pictures are the page's own: the built page is opened in headless Chromium (the one the
// tests use), its first module draws the first picture, and that markup is taken as it was when
// the first volume was drawn (before the parts it adds after its first paint). Each goes into a
// <template>; a small script (first-paint-<hash>.js, external, for a strict CSP) puts the one for
// the reader's language and width on the page only when the page opens on exactly that scenario,
// and the first module then draws its own picture in its place, in one task. The same script says
// so when the first module cannot start (its texts for that come from locales/). Debug builds
// (`trunk serve`) are left as they are.
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
if (html.includes('class="first-paint"')) fail('index.html already has a first picture');

// The pictures drawn: every language the page speaks, at a width of each layout (the diagram
// stacks below COMPACT_BELOW = 700 px, src/components/diagram.rs; nothing else in the picture
// depends on the width).
const COMPACT_BELOW = 700;
const variants = [
  { lang: 'en', layout: 'wide', width: 1280, locale: 'en-US' },
  { lang: 'en', layout: 'compact', width: 390, locale: 'en-US' },
  { lang: 'zh-TW', layout: 'wide', width: 1280, locale: 'zh-TW' },
  { lang: 'zh-TW', layout: 'compact', width: 390, locale: 'zh-TW' },
];

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
let starter;
try {
  for (const variant of variants) variant.picture = await firstPicture(variant);
  // The default scenario as the page saves it and writes it into its address: the script
  // compares a saved scenario, and a link's, with it.
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

/** The first module's first picture for a reader with `locale` in a window `width` wide, with the
 * page module held back so that nothing replaces it. */
async function firstPicture({ lang, layout, width, locale }) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route('**/page.js', () => {});
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const picture = document.querySelector('.first-picture');
      if (picture?.querySelector('svg[role=img] g.chip')) {
        window.firstPicture = { html: picture.outerHTML, lang: document.documentElement.lang };
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(server.base);
  const picture = await (await page.waitForFunction(() => window.firstPicture, null, { timeout: 30000 })).jsonValue();
  if (errors.length) fail(`the page failed while drawing its first picture (${lang}, ${layout}): ${errors.join('; ')}`);
  if (picture.lang !== lang) fail(`the first picture for ${locale} was drawn in ${picture.lang}, not ${lang}`);
  await context.close();
  return picture.html;
}

// A strict Content-Security-Policy (style-src 'self') refuses style attributes in markup.
if (variants.some((v) => /\sstyle="/.test(v.picture))) fail('a first picture has a style attribute, which a strict CSP refuses');
// Each layout draws its own diagram: a picture alike in both would mean the width was not seen.
const viewBox = (v) => v.picture.match(/<svg[^>]* viewBox="([^"]+)"/)?.[1];
if (variants.some((v) => !viewBox(v))) fail('a first picture has no diagram');
for (const lang of ['en', 'zh-TW']) {
  const [wide, compact] = ['wide', 'compact'].map((layout) => variants.find((v) => v.lang === lang && v.layout === layout));
  if (viewBox(wide) === viewBox(compact)) fail(`the ${lang} pictures are alike at 1280 and 390 px`);
}

// The texts the script needs, in each language.
const texts = (key) => JSON.stringify({ en: text('en.txt', key), 'zh-TW': text('zh-TW.txt', key) });

const script = `// Puts the default scenario's outcome, drawn at build time (scripts/prerender.mjs), on the page
// when the page opens on exactly that scenario: nothing saved but that scenario, or a link to it
// (the address the page writes for it); no note from this tab; not a quiz, presenter mode or an
// embed. The picture is the one for the reader's language and width. Otherwise the first module
// draws the picture, as it always does. A saved theme is applied here, before the first paint, in
// either case. And if the first module cannot start, this says so.
(() => {
  const params = new URLSearchParams(location.search);
  const stored = (key) => { try { return localStorage.getItem(key); } catch { return null; } };
  // As Lang::choose and Lang::from_tag (src/i18n.rs): the link's choice, the saved one, then the
  // browser's list.
  const tag = [params.get('lang'), stored('ami-explainer:lang'), ...navigator.languages]
    .map((tag) => (tag ?? '').trim().toLowerCase().replace(/_/g, '-'))
    .find((tag) => tag.startsWith('en') || /^zh-(tw|hant|hk|mo)(-|$)/.test(tag)) ?? 'en';
  const lang = tag.startsWith('en') ? 'en' : 'zh-TW';
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
    document.documentElement.lang = lang;
    if (built) {
      // The picture is right; only the editor is missing, as when the page module cannot load.
      alert.firstChild.textContent = ${texts('editor.unavailable')}[lang];
      built.inert = false;
      built.querySelector('.editor').removeAttribute('aria-busy');
      built.querySelector('.editor-loading').replaceWith(alert);
    } else {
      alert.firstChild.textContent = ${texts('app.start-failed')}[lang];
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
    // As View::from_address (src/view.rs): a quiz or presenter mode, whatever its value.
    if (embedded || params.has('quiz') || params.has('present')) return;
    // As restore::first_scenario (src/restore.rs): a link wins over what was saved. Parameters the
    // page does not read (utm_source, say) change nothing.
    const starter = ${JSON.stringify(starter)};
    const scenario = params.has('s') ? params.get('s') : localStorage.getItem('ami-explainer:scenario:v1') ?? starter;
    if (scenario !== starter) return;
    if (sessionStorage.getItem('ami-explainer:unwritten:v1') !== null) return;
    // As compact_layout (src/lib.rs).
    const layout = innerWidth < ${COMPACT_BELOW} ? 'compact' : 'wide';
    const template = document.querySelector(\`template.first-paint[data-lang="\${lang}"][data-layout="\${layout}"]\`);
    template.replaceWith(template.content);
    // As the first module does (browser::set_document_lang), before the first paint.
    document.documentElement.lang = lang;
    document.title = ${texts('app.title')}[lang];
    // The tool bar's copy shows the saved theme, as the bar will.
    const option = theme && document.querySelector(\`.first-picture.prerendered .bar option[value="\${theme}"]\`);
    if (option) option.selected = true;
  } catch {
    // Storage refused (a sandboxed frame): the first module draws the picture.
  }
})();
`;
// Every first load fetches the script: it goes without its comments and indentation (a third of
// its gzip size), which are here. No line of it starts inside a string, so this is safe.
const shipped = '// Written by scripts/prerender.mjs, where it is commented.\n' + script.split('\n')
  .map((line) => line.trim()).filter((line) => line && !line.startsWith('//')).join('\n') + '\n';
const name = `first-paint-${createHash('sha256').update(shipped).digest('hex').slice(0, 16)}.js`;
fs.writeFileSync(path.join(staging, name), shipped);
const integrity = 'sha384-' + createHash('sha384').update(shipped).digest('base64');
const templates = variants.map(({ lang, layout, picture }) =>
  `<template class="first-paint" data-lang="${lang}" data-layout="${layout}">${picture.replace('class="first-picture"', 'class="first-picture prerendered"')}</template>`);
const tags = `${templates.join('\n    ')}
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
