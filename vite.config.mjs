// Builds the playground (web/) into build/site/, a static site that works from any folder of any
// static host and offline: relative base, the engine's worker and .wasm files emitted as assets.
// Data (the snapshot and the corpus) is copied in afterwards by scripts/build-site.sh.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { contentSecurityPolicy } from './scripts/site-policy.mjs';

const root = resolve(import.meta.dirname, 'web');

/**
 * The built pages carry the site's Content-Security-Policy as a <meta http-equiv>, for hosts that
 * cannot send headers. Only in the build: the development server injects CSS as <style> elements.
 */
const contentSecurityPolicyMeta = {
  name: 'shelf-content-security-policy',
  apply: 'build',
  transformIndexHtml(html, { filename }) {
    const charset = /<meta charset="utf-8">/i;
    if (!charset.test(html)) throw new Error(`${filename}: no <meta charset="utf-8"> to put the policy after`);
    const policy = contentSecurityPolicy({ forMeta: true });
    return html.replace(charset, (tag) => `${tag}\n  <meta http-equiv="Content-Security-Policy" content="${policy}">`);
  },
};

/**
 * The one-line loader for course pages (web/embed-loader.js) at the site's root as `embed.js`:
 * copied as it is, with no content hash, so its address stays the same from build to build.
 */
const embedLoader = {
  name: 'shelf-embed-loader',
  apply: 'build',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'embed.js', source: readFileSync(resolve(root, 'embed-loader.js'), 'utf8') });
  },
};

export default defineConfig({
  root,
  plugins: [contentSecurityPolicyMeta, embedLoader],
  base: './',
  publicDir: false,
  build: {
    outDir: resolve(import.meta.dirname, 'build/site'),
    emptyOutDir: true,
    target: 'es2022',
    // The engine's .wasm files must stay files (never inlined as base64).
    assetsInlineLimit: 0,
    rollupOptions: {
      input: { index: resolve(root, 'index.html'), embed: resolve(root, 'embed.html') },
    },
  },
  worker: { format: 'es' },
  // `npx vite` (development) serves web/ but reads wasm/ and build/wasm/ beside it.
  server: { fs: { allow: [import.meta.dirname] } },
});
