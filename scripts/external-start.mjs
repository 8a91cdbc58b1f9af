// Trunk post-build hook: moves the inline module script that Trunk writes into index.html (it
// starts the WebAssembly) into its own file, so that the page runs under a Content-Security-Policy
// without 'unsafe-inline' (script-src 'self'). The file is named by a hash of its content, like
// Trunk's own files, and carries a subresource-integrity hash.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('external-start: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
const index = path.join(staging, 'index.html');
const html = fs.readFileSync(index, 'utf8');
// Release builds minify index.html (Trunk.toml), which drops the quotes: type=module.
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/g;
const found = [...html.matchAll(inline)];
if (found.length !== 1) {
  console.error(`external-start: expected one inline module script in index.html, found ${found.length}`);
  process.exit(1);
}
const code = found[0][1].trim() + '\n';
const name = `start-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
const integrity = 'sha384-' + createHash('sha384').update(code).digest('base64');
fs.writeFileSync(path.join(staging, name), code);
const tag = `<script type="module" src="./${name}" integrity="${integrity}"></script>`;
fs.writeFileSync(index, html.replace(found[0][0], tag));
// `trunk serve` (scripts/serve, local development only) adds its live-reload client inline, with
// placeholders it fills in when it serves the page; `trunk build` never does. That one may stay.
const left = fs.readFileSync(index, 'utf8')
  .replace(/<script>(?:(?!<\/script>)[\s\S])*__TRUNK_ADDRESS__[\s\S]*?<\/script>/, '')
  .match(/<script(?![^>]*\ssrc=)[^>]*>[\s\S]{0,200}/);
if (left) {
  console.error(`external-start: an inline script is left in index.html: ${left[0]}`);
  process.exit(1);
}
