// Writes the offline cache's service worker for a built site: web/sw.js with its BUILD line
// filled in (the build's version and the files to cache). Run by scripts/build-site.sh after Vite
// and after the data is copied, so that the version covers every file the site serves.
//
//   node scripts/make-service-worker.mjs [SITE_DIR]      (default build/site)
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../..');
const TEMPLATE = join(repoRoot, 'web/sw.js');
const BUILD_LINE = /^const BUILD = \{[^\n]*\}; \/\/ filled in by the build$/m;
/** Cached on first use instead of at install: the 16 MB corpus only live training reads. */
const ON_DEMAND = new Set(['data/default.txt']);
/** Never cached: the worker itself. */
const SKIP = new Set(['sw.js']);
/**
 * Nor the precompressed copies (scripts/precompress.mjs): the worker fetches each file by its own
 * name and the server sends the copy the browser accepts, already decoded when it is cached.
 */
const PRECOMPRESSED = /\.(br|gz)$/;

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

export function makeServiceWorker(siteDir) {
  const files = filesUnder(siteDir)
    .map((file) => relative(siteDir, file).split(sep).join('/'))
    .filter((path) => !SKIP.has(path) && !PRECOMPRESSED.test(path))
    .sort();
  // Vite's asset names already carry a hash of their content; the HTML and data files do not,
  // so the version hashes every file's path and bytes (a second or so for the 25 MB of data).
  const hash = createHash('sha256');
  for (const path of files) hash.update(path).update('\0').update(readFileSync(join(siteDir, path))).update('\0');
  const build = {
    version: hash.digest('hex').slice(0, 16),
    precache: files.filter((path) => !ON_DEMAND.has(path)),
    onDemand: files.filter((path) => ON_DEMAND.has(path)),
  };
  const template = readFileSync(TEMPLATE, 'utf8');
  if (!BUILD_LINE.test(template)) throw new Error(`${TEMPLATE}: the "const BUILD = ..." line is missing`);
  const source = template.replace(BUILD_LINE, () => `const BUILD = ${JSON.stringify(build)}; // filled in by the build`);
  writeFileSync(join(siteDir, 'sw.js'), source);
  return build;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const siteDir = resolve(process.argv[2] ?? join(repoRoot, 'build/site'));
  try {
    const build = makeServiceWorker(siteDir);
    console.log(`make-service-worker: sw.js, cache shelf-${build.version}: ${build.precache.length} files precached, ` +
      `${build.onDemand.length} on first use`);
  } catch (error) {
    console.error(`make-service-worker: ${error.message}`);
    process.exit(1);
  }
}
