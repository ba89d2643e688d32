// The visitor's own files: vectors opened from the data panel answer the lessons (their words
// shown as text, never as HTML), download as .vec and as the Projector's two .tsv files, open
// again from those, and a broken file gets a clear message while the page keeps working.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { openPage, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser();

const VECTORS = [
  '6 3',
  'alpha 1 0 0',
  'beta 0.9 0.1 0',
  '<b>bold</b> 0.8 0.3 0.1',
  'gamma 0 1 0',
  'delta 0 0.9 0.1',
  'epsilon 0 0 1',
  '',
].join('\n');

const file = (name, text) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });

async function download(page, buttonName) {
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName }).click()]);
  return { name: saved.suggestedFilename(), text: readFileSync(await saved.path(), 'utf8') };
}

test('your own vectors: open them, use them, download them, open the downloads again', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=analogy&near=alpha&k=5`);
  await waitForLesson(page, 'analogy');
  await page.getByText('Data: the corpus, your own files, downloads').click();
  const input = page.getByLabel(/Open a corpus/);

  await input.setInputFiles(file('mine.vec', VECTORS));
  await page.waitForFunction(() => /6 words × 3 dimensions/.test(document.querySelector('.status-bar').textContent));
  assert.match(await page.locator('.data-message').innerText(), /Opened mine\.vec: 6 words × 3 dimensions/);
  await page.waitForFunction(() => document.querySelectorAll('.neighbor-list li').length === 5);
  const neighbours = await page.locator('.neighbor-list li .word').allInnerTexts();
  assert.equal(neighbours[0], 'beta');
  assert.ok(neighbours.includes('<b>bold</b>'), neighbours.join(', '));
  assert.equal(await page.locator('main b').count(), 0, 'a word from a file never becomes markup');

  const vec = await download(page, 'Download .vec');
  assert.equal(vec.name, 'shelf-mine.vec');
  assert.equal(vec.text.split('\n')[0], '6 3');
  assert.match(vec.text, /^<b>bold<\/b> /m);

  const [first, second] = await Promise.all([
    page.waitForEvent('download'),
    page.waitForEvent('download', { predicate: (d) => /metadata/.test(d.suggestedFilename()) }),
    page.getByRole('button', { name: /Download for the Projector/ }).click(),
  ]);
  const vectorsTsv = readFileSync(await first.path(), 'utf8');
  const metadataTsv = readFileSync(await second.path(), 'utf8');
  assert.equal(vectorsTsv.trim().split('\n').length, 6);
  assert.equal(vectorsTsv.split('\n')[0].split('\t').length, 3);
  assert.match(metadataTsv, /alpha/);

  await page.getByRole('button', { name: 'Back to the bundled vectors' }).click();
  await page.waitForFunction(() => /20,000 words × 100 dimensions/.test(document.querySelector('.status-bar').textContent));

  await input.setInputFiles([file('vectors.tsv', vectorsTsv), file('metadata.tsv', metadataTsv)]);
  await page.waitForFunction(() => /6 words × 3 dimensions/.test(document.querySelector('.status-bar').textContent));
  assert.match(await page.locator('.data-message').innerText(), /Opened vectors\.tsv: 6 words × 3 dimensions/);

  // A broken file: a clear message, and the vectors loaded before stay.
  await input.setInputFiles(file('broken.bin', 'this is not word2vec'));
  await page.waitForSelector('.data-message.is-problem');
  assert.match(await page.locator('.data-message').innerText(), /^⚠ /);
  await page.getByLabel('Word', { exact: true }).fill('gamma');
  await page.getByRole('button', { name: 'Find neighbours' }).click();
  await page.waitForFunction(() => document.querySelector('.neighbor-list li .word')?.textContent === 'delta');
  assert.deepEqual(problems, []);
  await page.close();
});

// Words that are markup: from a vectors file and from the URL, they must show as the text they are.
const MARKUP_WORDS = ['<img/src=x/onerror=window.pwned=1>', '<script>window.pwned=2</script>', '"><svg/onload=window.pwned=3>', '&lt;b&gt;'];

/** Elements that text turned into markup would leave behind. */
const markupLeftovers = (page) => page.evaluate(() => ({
  handlers: document.querySelectorAll('[onerror], [onload]').length,
  images: document.querySelectorAll('main img').length,
  scripts: [...document.scripts].filter((script) => !script.src).length,
  pwned: window.pwned ?? null,
}));

test('words from a file and from the URL that look like HTML are shown as text, never run', async () => {
  const evil = MARKUP_WORDS[0];
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=analogy&k=5&near=${encodeURIComponent(evil)}`);
  await waitForLesson(page, 'analogy');
  // The bundled vectors do not know the word from the URL: the message quotes it literally.
  await page.waitForFunction((w) => document.querySelector('.neighbor-list + .hint')?.textContent.includes(`“${w}” is not in the vocabulary`), evil);
  assert.equal(await page.getByLabel('Word', { exact: true }).inputValue(), evil);

  const vectors = [`${MARKUP_WORDS.length + 2} 3`, 'alpha 1 0 0', 'beta 0.9 0.1 0', ...MARKUP_WORDS.map((word, i) => `${word} 0.95 ${0.05 * (i + 1)} 0`), ''].join('\n');
  await page.getByText('Data: the corpus, your own files, downloads').click();
  await page.getByLabel(/Open a corpus/).setInputFiles(file('markup.vec', vectors));
  await page.waitForFunction((w) => document.querySelector('.neighbor-list + .hint')?.textContent.includes(`neighbours of “${w}”`), evil);
  const shown = await page.locator('.neighbor-list li .word').allInnerTexts();
  for (const word of MARKUP_WORDS.slice(1)) assert.ok(shown.includes(word), `${word} in ${shown.join(' | ')}`);
  assert.deepEqual(await markupLeftovers(page), { handlers: 0, images: 0, scripts: 0, pwned: null });

  // The first lesson: a word and its partner from the URL, both markup.
  const { page: first, problems: firstProblems } = await openPage(site.context,
    `${site.url}?lesson=embedding&word=${encodeURIComponent(MARKUP_WORDS[1])}&other=${encodeURIComponent(MARKUP_WORDS[2])}`);
  await waitForLesson(first, 'embedding');
  await first.waitForFunction((w) => document.querySelector('main').textContent.includes(w), MARKUP_WORDS[1]);
  assert.match(await first.locator('main').innerText(), /<script>window\.pwned=2<\/script>/);
  assert.deepEqual(await markupLeftovers(first), { handlers: 0, images: 0, scripts: 0, pwned: null });
  assert.deepEqual([...problems, ...firstProblems], []);
  await first.close();
  await page.close();
});

// What a file holds is the engine's answer (detectFormat), not its name: GloVe rows in a .txt are
// vectors, the Projector's two files are told apart by their contents, and binary data is refused.
test('a file is opened as what the engine reads it as, whatever its name', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=analogy&near=alpha&k=5`);
  await waitForLesson(page, 'analogy');
  await page.getByText('Data: the corpus, your own files, downloads').click();
  const input = page.getByLabel(/Open a corpus/);
  const glove = VECTORS.split('\n').slice(1).join('\n');

  await input.setInputFiles(file('glove.6B.3d.txt', glove));
  await page.waitForFunction(() => /6 words × 3 dimensions/.test(document.querySelector('.status-bar').textContent));
  assert.match(await page.locator('.data-message').innerText(), /Opened glove\.6B\.3d\.txt: 6 words × 3 dimensions/);

  const rows = glove.trim().split('\n').map((line) => line.split(' '));
  await input.setInputFiles([
    file('words.tsv', rows.map((row) => row[0]).join('\n')),
    file('numbers.tsv', rows.map((row) => row.slice(1).join('\t')).join('\n')),
  ]);
  await page.waitForFunction(() => /Opened numbers\.tsv: 6 words × 3 dimensions/.test(document.querySelector('.data-message').textContent));

  await input.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]) });
  await page.waitForFunction(() => /photo\.png is not text/.test(document.querySelector('.data-message').textContent));
  assert.match(await page.locator('.status-bar').innerText(), /6 words × 3 dimensions/);
  assert.deepEqual(problems, []);
  await page.close();
});
