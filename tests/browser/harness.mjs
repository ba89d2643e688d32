// Shared by the browser tests: serves build/site/ (made by scripts/build-site.sh) on a free
// loopback port with the site's own static server (scripts/static-server.mjs, which sends the
// Content-Security-Policy header), launches Debian's headless Chromium through
// playwright-core, opens pages as a new visitor would, and saves screenshots to
// build/screenshots/ (not committed).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../scripts/static-server.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The built site; SHELF_SITE_DIR points the tests at another build of it. */
export const siteDir = resolve(process.env.SHELF_SITE_DIR ?? join(repoRoot, 'build/site'));
export const screenshotDir = join(repoRoot, 'build/screenshots');

/**
 * Serves `root` on 127.0.0.1 at a free port with the site's headers (its Content-Security-Policy).
 * Extra pages (path → html) are served without them, as another site's pages would be.
 */
export function serveSite(root = siteDir, extraPages = {}, cspReports = null) {
  return serveStatic(root, { extraPages, cspReports });
}

/**
 * Headless Chromium with a fresh profile. The site's service worker (web/sw.js) is blocked unless
 * `serviceWorkers: 'allow'`: a test file shares one profile across its tests, and an installed
 * worker would serve its later pages from the cache, so they would no longer load as a first
 * visit does, and its install would mix into the load times they print. The offline and CSP tests
 * allow it.
 */
export async function launchBrowser({ serviceWorkers = 'block' } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'shelf-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    serviceWorkers,
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
 * Opens a page as a new visitor (no saved work) and records what goes wrong in it (uncaught
 * errors, console errors).
 * @returns {Promise<{ page, problems: string[] }>}
 */
export async function openPage(context, url, { viewport, initScript, keepSavedWork = false } = {}) {
  const page = await context.newPage();
  // Tests of one file share a browser profile; each page opens as a new visitor unless asked,
  // or the work an earlier test saved (IndexedDB) would open instead of the bundled snapshot.
  if (!keepSavedWork) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: new URL(url).origin, storageTypes: 'indexeddb' });
    await cdp.detach();
  }
  if (viewport) await page.setViewportSize(viewport);
  if (initScript) await page.addInitScript(initScript);
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

/**
 * A full-page screenshot, taken from the top: Chromium captures a full page scrolled down with
 * the sticky lesson navigation where the scroll left it (mid-image) and an empty band above. The
 * scroll position is put back afterwards, so a test can go on where it was.
 */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  const scrolled = await page.evaluate(async () => {
    const at = { x: window.scrollX, y: window.scrollY };
    window.scrollTo({ left: 0, top: 0, behavior: 'instant' });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return at;
  });
  await page.screenshot({ path, fullPage: true });
  if (scrolled.x || scrolled.y) {
    await page.evaluate(({ x, y }) => window.scrollTo({ left: x, top: y, behavior: 'instant' }), scrolled);
  }
  return path;
}

/**
 * Registers the setup every browser test file shares: the site served before its tests and a
 * fresh Chromium, both closed after them. Read `url` and `context` inside tests, not at import.
 * `cspReports` collects the Content-Security-Policy violations the browser reports (page and
 * workers alike).
 */
export function useSiteAndBrowser(extraPages = {}, { serviceWorkers = 'block' } = {}) {
  let server;
  let browser;
  const cspReports = [];
  before(async () => {
    server = await serveSite(undefined, extraPages, cspReports);
    browser = await launchBrowser({ serviceWorkers });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get url() { return server.url; },
    get context() { return browser.context; },
    cspReports,
  };
}
