// Writes a brotli (.br) and a gzip (.gz) copy beside every file of a built site that compresses
// well (HTML, JavaScript, CSS, JSON, text, wasm, the compact snapshot), so that a first visit
// transfers a fraction of the bytes. scripts/static-server.mjs sends the .br or .gz copy with
// `Content-Encoding` when the browser accepts it; other static hosts can do the same (nginx
// `gzip_static`/`brotli_static`, Caddy `precompressed`, Apache with mod_rewrite; docs/embedding.md).
// Run by scripts/build-site.sh after the site and its data are in place.
//
//   node scripts/precompress.mjs [SITE_DIR]      (default build/site)
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The kinds of file worth compressing (images and the like are compressed already). */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.txt', '.wasm', '.q8', '.svg', '.bin']);
/** Smaller files gain too little to be worth a second request path. */
const MIN_BYTES = 1024;
/** Above this (the corpus only live training fetches), brotli's slowest setting costs a minute on a busy machine: quality 6. */
const LARGE_BYTES = 4 << 20;

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

export function precompress(siteDir) {
  const written = [];
  for (const file of filesUnder(siteDir)) {
    if (!COMPRESSIBLE.has(extname(file)) || statSync(file).size < MIN_BYTES) continue;
    const bytes = readFileSync(file);
    const br = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: bytes.length > LARGE_BYTES ? 6 : 11,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    });
    const gz = gzipSync(bytes, { level: 9 });
    // A copy that is not smaller would only cost bytes; the server then sends the file itself.
    if (br.length < bytes.length) writeFileSync(`${file}.br`, br);
    if (gz.length < bytes.length) writeFileSync(`${file}.gz`, gz);
    written.push({ path: relative(siteDir, file).split(sep).join('/'), bytes: bytes.length, br: br.length, gz: gz.length });
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const siteDir = resolve(process.argv[2] ?? 'build/site');
  const written = precompress(siteDir);
  const total = (key) => written.reduce((sum, file) => sum + file[key], 0);
  console.log(`precompress: ${written.length} files, ${(total('bytes') / 1e6).toFixed(1)} MB → ` +
    `${(total('br') / 1e6).toFixed(1)} MB brotli, ${(total('gz') / 1e6).toFixed(1)} MB gzip`);
}
