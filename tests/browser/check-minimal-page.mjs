// Opens web/minimal.html in headless Chromium and checks that it trains, pauses, resumes and
// answers, with the SIMD engine (or ?engine=scalar). Not part of ctest: it needs Chromium
// (apt-get install chromium) and playwright-core (npm i --no-save playwright-core).
//
//   node tests/browser/check-minimal-page.mjs [--scalar] [--screenshot out.png]
//
// Serves the repository root with `python3 -m http.server` on a free port and stops it after.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scalar = process.argv.includes('--scalar');
const shotAt = process.argv.indexOf('--screenshot');
const screenshot = shotAt > 0 ? process.argv[shotAt + 1] : null;

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function waitForServer(port) {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/web/minimal.html`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('the HTTP server did not start');
}

const port = await freePort();
const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1'], { cwd: root, stdio: 'ignore' });
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'shelf-chromium-'));
let browser;
try {
  await waitForServer(port);
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  // Training the sample takes about a second: press Pause from inside the page, on the first
  // progress event, or training may be over before a click from here arrives.
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const observer = new MutationObserver(() => {
        if (document.body.dataset.training !== 'training') return;
        observer.disconnect();
        document.getElementById('pause').click();
      });
      observer.observe(document.body, { attributes: true, attributeFilter: ['data-training'] });
    });
  });
  await page.goto(`http://127.0.0.1:${port}/web/minimal.html${scalar ? '?engine=scalar' : ''}`);

  const state = () => page.evaluate(() => document.body.dataset.training);
  await page.waitForFunction(() => document.body.dataset.training === 'paused', null, { timeout: 10000 });
  const pausedAt = await page.evaluate(() => document.getElementById('progress').value);
  assert.ok(pausedAt > 0 && pausedAt < 1, `paused part way (${pausedAt})`);
  await page.click('#train');
  await page.waitForFunction(() => document.body.dataset.training === 'finished', null, { timeout: 60000 });
  assert.equal(await state(), 'finished');

  const instructionSet = await page.evaluate(() => document.body.dataset.instructionSet);
  assert.equal(instructionSet, scalar ? 'scalar' : 'wasm-simd128');

  await page.fill('#word', 'Noah');
  await page.click('#ask');
  await page.waitForFunction(() => /^(shem|ham|japheth)\b/.test(document.querySelector('#neighbors li')?.textContent ?? ''), null, {
    timeout: 10000,
  });
  const neighbours = await page.$$eval('#neighbors li', (items) => items.map((li) => li.textContent));
  assert.equal(neighbours.length, 10);

  await page.fill('#word', 'zebra');
  await page.click('#ask');
  await page.waitForFunction(() => document.getElementById('error').textContent.includes("unknown word 'zebra'"), null, {
    timeout: 10000,
  });
  if (screenshot) {
    await page.fill('#word', 'Noah');
    await page.click('#ask');
    await page.waitForFunction(() => document.getElementById('error').textContent === '', null, { timeout: 10000 });
    await page.screenshot({ path: screenshot, fullPage: true });
  }
  assert.deepEqual(problems, []);
  console.log(`minimal page ok (${instructionSet}); neighbours of noah: ${neighbours.slice(0, 5).join(', ')}`);
} finally {
  await browser?.close();
  server.kill();
  fs.rmSync(profile, { recursive: true, force: true });
}
