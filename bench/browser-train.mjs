// Runs the benchmark page (bench/page/) in Debian's headless Chromium and prints a markdown
// table of training speed in a browser worker, SIMD engine against scalar engine.
//
//   node bench/browser-train.mjs [--lines 40000] [--dim 50] [--epochs 1] [--rounds 2] [--json FILE]
//
// Serves the repository root on 127.0.0.1 (the page loads wasm/worker.js and the engines in
// build/wasm/ as they are, and build/corpus/default.txt), launches Chromium as the browser tests
// do (tests/browser/harness.mjs), waits for the page's `window.shelfBench` and prints the runs,
// the best round of each engine and the ratio SIMD / scalar. Needs `scripts/build.sh wasm`,
// `scripts/make-corpus.sh default`, Chromium (`scripts/setup.sh --browser`) and `npm ci`.
// The finished page is saved as build/screenshots/bench-page.png.
// A benchmark, not a test: nothing is asserted beyond the page finishing without error.
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { launchBrowser, repoRoot, screenshot } from '../tests/browser/harness.mjs';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8',
};

function parseArgs(argv) {
  const options = { lines: '40000', dim: '50', epochs: '1', rounds: '2', json: '', timeout: '900' };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (name === 'help' || name === 'h') {
      console.log('usage: node bench/browser-train.mjs [--lines N] [--dim N] [--epochs N] [--rounds N] [--json FILE] [--timeout S]');
      process.exit(0);
    }
    if (!(name in options) || i + 1 >= argv.length) throw new Error(`unknown or incomplete argument '${argv[i]}'`);
    options[name] = argv[++i];
  }
  return options;
}

// Only the files the page needs, from the repository, on loopback.
function serve(root) {
  const allowed = ['bench/page/', 'wasm/', 'build/wasm/', 'build/corpus/'];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname).replace(/^\/+/, '');
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep) || !allowed.some((prefix) => path.startsWith(prefix)) ||
        !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(path === 'favicon.ico' ? 204 : 404).end();
      return;
    }
    response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

const format = (n) => Math.round(n).toLocaleString('en');

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const root = resolve(repoRoot);
  for (const file of ['build/wasm/shelf-engine.mjs', 'build/wasm/shelf-engine-scalar.mjs', 'build/corpus/default.txt']) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run scripts/build.sh wasm and scripts/make-corpus.sh default`);
  }
  const server = await serve(root);
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const query = new URLSearchParams({ lines: o.lines, dim: o.dim, epochs: o.epochs, rounds: o.rounds });
    await page.goto(`http://127.0.0.1:${server.address().port}/bench/page/index.html?${query}`);
    await page.waitForFunction(() => window.shelfBench?.done, null, { timeout: Number(o.timeout) * 1000, polling: 500 });
    const report = await page.evaluate(() => window.shelfBench);
    await screenshot(page, 'bench-page'); // build/screenshots/bench-page.png
    const version = browser.context.browser()?.version() ?? 'unknown';
    if (report.error || problems.length) throw new Error(`the page failed: ${report.error ?? problems.join('; ')}`);
    const s = report.settings;
    const first = report.runs[0];
    const lines = [
      `Training in a browser worker: Chromium ${version} (headless), ${first.rawWords.toLocaleString('en')} corpus words ` +
        `(first ${s.lines.toLocaleString('en')} lines of build/corpus/default.txt), vocabulary ${first.vocab.toLocaleString('en')}, ` +
        `skip-gram dim ${s.dim}, ${s.epochs} epoch(s), ${s.rounds} alternating round(s) per engine.`,
      '',
      '| engine | instruction set | best words/s | rounds (words/s) |',
      '|---|---|---:|---|',
    ];
    for (const flavour of s.flavours) {
      const best = report.best[flavour];
      const all = report.runs.filter((run) => run.flavour === flavour).map((run) => format(run.wordsPerSecond)).join(', ');
      lines.push(`| ${flavour} | ${best.instructionSet} | ${format(best.wordsPerSecond)} | ${all} |`);
    }
    if (report.ratio) lines.push('', `SIMD / scalar: **${report.ratio.toFixed(2)}×** (best round of each, same run)`);
    console.log(lines.join('\n'));
    if (o.json) writeFileSync(o.json, `${JSON.stringify({ chromium: version, ...report }, null, 1)}\n`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(`browser-train.mjs: ${error.message ?? error}`);
  process.exit(1);
});
