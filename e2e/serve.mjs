// A static file server for dist/, on 127.0.0.1 and a free port, optionally under a path prefix
// (to prove the build works from a sub-path), and the shared Chromium launch. The build's
// prerender hook (scripts/prerender.mjs) serves Trunk's staging folder with it too.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.resolve(here, process.env.DIST_DIR ?? '../dist');
export const OUT = path.resolve(here, process.env.E2E_OUT ?? 'out');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
};

/** The Content-Security-Policy a strict host sends (README, "Static build and hosting"). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

/**
 * Serves `DIST` at `prefix` (e.g. '/docs/tools/ami/'); `extra` maps other paths to files;
 * `headers` are sent with every response (e.g. a Content-Security-Policy); `dir` is the folder
 * served (dist/ unless told).
 */
export async function serve({ prefix = '/', extra = {}, headers = {}, dir = DIST } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (extra[url.pathname]) {
      res.writeHead(200, { 'content-type': TYPES[path.extname(extra[url.pathname])] ?? 'text/plain' });
      return fs.createReadStream(extra[url.pathname]).pipe(res);
    }
    if (!url.pathname.startsWith(prefix)) { res.writeHead(404); return res.end('not under the prefix'); }
    let file = path.join(dir, path.normalize(decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html'));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      // A file that is not there is a 404, so a wrong asset URL cannot hide behind index.html.
      if (path.extname(file)) { res.writeHead(404); return res.end('not found'); }
      file = path.join(dir, 'index.html');
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...headers });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}${prefix}`;
  return { base, close: () => new Promise((resolve) => server.close(resolve)) };
}

export async function launchBrowser() {
  fs.mkdirSync(OUT, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A new page that records every page error and console error, so a panic fails the test. */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  if (url) await page.goto(url);
  return page;
}

/** The page writes the scenario into its address once edits pause for 250 ms (a write can cost
 * more than the edit): before reading `page.url()` after edits, give it that pause. */
export const addressWritten = (page) => page.waitForTimeout(400);

/** The page is drawn and its page module has taken the first picture's place (see
 * src/first_picture.rs; an embed's first picture is the whole embed). Tests that use the editor,
 * read the address or audit the page start from here. */
export async function pageStarted(page, { timeout = 15000 } = {}) {
  await page.locator('svg[role=img]').first().waitFor({ timeout });
  await page.waitForFunction(() => !document.querySelector('.first-picture'), null, { timeout });
}
