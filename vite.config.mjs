// Builds the playground (web/) into build/site/, a static site that works from any folder of any
// static host and offline: relative base, the engine's worker and .wasm files emitted as assets.
// Data (the snapshot and the corpus) is copied in afterwards by scripts/build-site.sh.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, 'web');

export default defineConfig({
  root,
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
