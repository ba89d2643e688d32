// docs/tutorial.md, run as written: its `sh` blocks are read out of the markdown and run in
// order, in one bash from the repository's folder (so the page and this test cannot drift); its
// `sh server` block is started, the page it serves opens the vectors the tutorial trained, as
// the tutorial says, and the server is stopped. The tutorial's folder, my-shelf/, is removed
// afterwards.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { launchBrowser, openPage, repoRoot, screenshot, waitForLesson } from './harness.mjs';

const TUTORIAL = join(repoRoot, 'docs/tutorial.md');
const WORK = join(repoRoot, 'my-shelf');

/** The fenced blocks of a markdown file whose info string starts with `sh`: { info, code }. */
export function shellBlocks(markdown) {
  const blocks = [];
  const fence = /^```(sh[^\n]*)\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(fence)) blocks.push({ info: match[1].trim(), code: match[2] });
  return blocks;
}

after(() => rmSync(WORK, { recursive: true, force: true }));

test('every command of docs/tutorial.md runs, and the page opens what it trained', { timeout: 900000 }, async () => {
  const blocks = shellBlocks(readFileSync(TUTORIAL, 'utf8'));
  const commands = blocks.filter((b) => b.info === 'sh');
  const servers = blocks.filter((b) => b.info === 'sh server');
  assert.ok(commands.length >= 5 && servers.length === 1, `blocks: ${blocks.map((b) => b.info)}`);
  rmSync(WORK, { recursive: true, force: true });

  const script = `set -euo pipefail\n${commands.map((b) => b.code).join('\n')}`;
  const run = spawnSync('bash', ['-c', script], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, `the tutorial's commands failed:\n${run.stderr.slice(-3000)}`);
  // What the tutorial promises its reader sees.
  assert.match(run.stdout, /^\d+ 50$/m, 'the first lines of the vectors file start with its header');
  assert.match(run.stdout, /^\s*\d+ my-shelf\/my-text\.txt$/m, 'wc -w counted the words');
  const vectors = readFileSync(join(WORK, 'my-vectors.vec'), 'utf8');
  const [count, dim] = vectors.slice(0, vectors.indexOf('\n')).split(' ').map(Number);
  assert.ok(count > 1000 && dim === 50, `${count} words × ${dim}`);
  const wordsOf = (text) => text.split('\n').map((line) => line.split(' ')[0]);
  assert.deepEqual(wordsOf(readFileSync(join(WORK, 'wasm-vectors.vec'), 'utf8')), wordsOf(vectors), 'the WebAssembly build learned the same words');
  const metadata = readFileSync(join(WORK, 'projector/metadata.tsv'), 'utf8').split('\n').filter(Boolean);
  assert.equal(metadata.length, count);

  // The server block, on a free port instead of 8000 (the only change), until it says its URL.
  const serverCommand = servers[0].code.trim().replace(/ 8000$/, ' 0');
  const server = spawn('bash', ['-c', `exec ${serverCommand}`], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let browser;
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (chunk) => {
        out += chunk;
        const found = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
        if (found) resolve(found[0]);
      });
      server.once('exit', (code) => reject(new Error(`the server exited (${code}): ${out}`)));
    });
    browser = await launchBrowser();
    const { page, problems } = await openPage(browser.context, `${url}?lesson=analogy`);
    await waitForLesson(page, 'analogy');
    await page.getByText('Data: the corpus, your own files, downloads').click();
    await page.getByLabel(/Open a corpus/).setInputFiles(join(WORK, 'my-vectors.vec'));
    const status = `${count.toLocaleString('en')} words × 50 dimensions`;
    await page.waitForFunction((text) => document.querySelector('.status-bar')?.textContent.includes(text), status);
    // Explore: a word's neighbours come from the reader's vectors (the CLI's first answer).
    const cli = spawnSync(join(repoRoot, 'build/native/shelf'), ['neighbors', '--vectors', join(WORK, 'my-vectors.vec'), 'king', '-k', '3'], { encoding: 'utf8' });
    const nearest = cli.stdout.trim().split('\n')[0].split(/\s+/)[0];
    await page.getByLabel('Word', { exact: true }).fill('king');
    await page.getByRole('button', { name: 'Find neighbours' }).click();
    await page.waitForFunction((word) => document.querySelector('.neighbor-list li .word')?.textContent === word, nearest);
    await screenshot(page, 'tutorial-own-vectors');
    // The page's Projector download is the same pair of files as the tutorial's `shelf convert`.
    const [vectorsFile, metadataFile] = await Promise.all([
      page.waitForEvent('download', { predicate: (d) => /vectors\.tsv$/.test(d.suggestedFilename()) }),
      page.waitForEvent('download', { predicate: (d) => /metadata\.tsv$/.test(d.suggestedFilename()) }),
      page.getByRole('button', { name: /Download for the Projector/ }).click(),
    ]);
    assert.equal(readFileSync(await vectorsFile.path(), 'utf8'), readFileSync(join(WORK, 'projector/vectors.tsv'), 'utf8'));
    assert.equal(readFileSync(await metadataFile.path(), 'utf8'), readFileSync(join(WORK, 'projector/metadata.tsv'), 'utf8'));
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await browser?.close();
    server.kill('SIGTERM');
  }
});
