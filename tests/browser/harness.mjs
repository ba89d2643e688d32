// Shared by the browser tests: serves build/site/ (made by scripts/build-site.sh) on a free
// loopback port with a small static server, launches Debian's headless Chromium through
// playwright-core, opens pages as a new visitor would, and saves screenshots to
// build/screenshots/ (not committed).
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The built site; SHELF_SITE_DIR points the tests at another build of it. */
export const siteDir = resolve(process.env.SHELF_SITE_DIR ?? join(repoRoot, 'build/site'));
export const screenshotDir = join(repoRoot, 'build/screenshots');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves `root` on 127.0.0.1 at a free port. Extra pages (path → html) can be added for tests. */
export async function serveSite(root = siteDir, extraPages = {}) {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: run scripts/build-site.sh first`);
  }
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (path === '/favicon.ico') {
      response.writeHead(204).end(); // pages made by tests have no icon of their own
      return;
    }
    if (extraPages[path]) {
      response.writeHead(200, { 'content-type': MIME['.html'] });
      response.end(extraPages[path]);
      return;
    }
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
    });
    createReadStream(file).pipe(response);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => server.close(done)),
    closeAll: () => server.closeAllConnections?.(),
  };
}

/** Headless Chromium with a fresh profile. */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'shelf-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a page and records what goes wrong in it (uncaught errors, console errors).
 * @returns {Promise<{ page, problems: string[] }>}
 */
export async function openPage(context, url, { viewport } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.goto(url);
  return { page, problems };
}

/** Waits until the app has loaded its first vectors and mounted a lesson. */
export async function waitForLesson(page, id, timeout = 30000) {
  await page.waitForSelector(`body[data-ready="true"] article[data-lesson="${id}"]`, { timeout });
}

/**
 * Opens the small training corpus (Genesis 1–10, web/data/sample.txt) from the data panel, as a
 * visitor would, and waits until its random start is ready to train.
 */
export async function openSampleCorpus(page) {
  await page.getByText('Data: the corpus, your own files, downloads').click();
  await page.getByLabel(/Open a corpus/).setInputFiles(join(repoRoot, 'web/data/sample.txt'));
  await page.waitForSelector('body[data-training-phase="ready"]');
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Registers the setup every browser test file shares: the site served before its tests and a
 * fresh Chromium, both closed after them. Read `url` and `context` inside tests, not at import.
 */
export function useSiteAndBrowser(extraPages = {}) {
  let server;
  let browser;
  before(async () => {
    server = await serveSite(undefined, extraPages);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get url() { return server.url; },
    get context() { return browser.context; },
  };
}
