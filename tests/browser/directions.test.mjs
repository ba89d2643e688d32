// The directions lesson as a learner meets it: the default axes put king, queen, man, woman and
// the others at the corners of a parallelogram; learners make their own axes from word pairs and
// add words, all kept in the URL; a table is the picture's alternative; points are reached by
// keyboard; the lesson renders alone at its embed URL. Screenshots at 1280 x 800 and 390 px.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { openPage, screenshot, screenshotDir, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser();

/** Every placed word with its coordinates, read from the points' accessible names. */
async function placed(page) {
  const labels = await page.locator('.dir-point').evaluateAll((points) => points.map((p) => p.getAttribute('aria-label')));
  return Object.fromEntries(labels.map((label) => {
    const [, word, x, y] = /^(.+): (-?[\d.]+) across, (-?[\d.]+) up$/.exec(label);
    return [word, { x: Number(x), y: Number(y) }];
  }));
}

test('directions: the default axes put the royal and the female words where the parallelogram says', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=directions`);
  await waitForLesson(page, 'directions');
  await page.waitForSelector('.dir-point >> nth=13');
  const at = await placed(page);
  assert.equal(Object.keys(at).length, 14);
  for (const [male, female] of [['man', 'woman'], ['king', 'queen'], ['boy', 'girl'], ['prince', 'princess']]) {
    assert.ok(at[female].x > at[male].x, `${female} is right of ${male}: ${JSON.stringify(at)}`);
  }
  for (const [common, royal] of [['man', 'king'], ['woman', 'queen'], ['boy', 'prince'], ['girl', 'princess']]) {
    assert.ok(at[royal].y > at[common].y, `${royal} is above ${common}`);
  }
  // Arrows are drawn for the pairs whose words are both placed: 4 across (he → she is not), 4 up.
  assert.equal(await page.locator('.dir-arrow-across').count(), 4);
  assert.equal(await page.locator('.dir-arrow-up').count(), 4);
  assert.match(await page.locator('[data-fact="angle"]').innerText(), /The two directions are at \d+° to each other \(cosine -?[\d.]+\)/);
  assert.match(await page.locator('[data-fact="agreement"]').innerText(), /man → woman \d\.\d{3}/);
  await screenshot(page, 'directions-desktop');

  // Keyboard: Tab reaches the points, and a focused point names its numbers.
  await page.locator('.dir-point').first().focus();
  assert.match(await page.locator('.dir-readout').innerText(), /^“king”: -?[\d.]+ across, -?[\d.]+ up\.$/);
  await page.keyboard.press('Tab');
  assert.match(await page.locator('.dir-readout').innerText(), /^“queen”/);

  // The table alternative lists the same words and numbers; the choice is in the URL.
  await page.getByLabel('a table').check();
  await page.waitForSelector('.dir-table table');
  assert.equal(await page.locator('.dir-table tbody tr').count(), 14);
  assert.equal(await page.locator('.dir-figure').isHidden(), true);
  const queenRow = await page.locator('.dir-table tr[data-word="queen"] td').allInnerTexts();
  assert.deepEqual(queenRow.map(Number), [at.queen.x, at.queen.y]);
  await page.waitForFunction(() => location.search.includes('view=table'));
  await page.locator('.dir-table').screenshot({ path: join(screenshotDir, 'directions-table.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('directions: learners make their own axes and add words; the URL keeps them; mistakes are explained', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=directions`);
  await waitForLesson(page, 'directions');
  await page.waitForSelector('.dir-point >> nth=13');
  await page.getByLabel('Across (left to right): pairs from → to').fill('man → woman, father -> mother, brother:sister');
  await page.getByLabel('Up (bottom to top): pairs from → to').fill('man → king');
  await page.getByLabel('Words to place').fill('man, woman, king, queen, uncle, aunt, zzzqx');
  await page.getByRole('button', { name: 'Place the words' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.dir-point').length === 6);
  await page.waitForFunction(() => location.search.includes('across='));  // the URL follows within 150 ms
  assert.match(decodeURIComponent(page.url()), /across=man:woman,father:mother,brother:sister/);
  assert.match(decodeURIComponent(page.url()), /up=man:king/);
  assert.match(await page.locator('[data-fact="unknown"]').innerText(), /not placed: “zzzqx”/);
  const at = await placed(page);
  assert.ok(at.aunt.x > at.uncle.x, 'aunt is right of uncle on a gender axis made of other pairs');

  // Adding a word by its own field (checked against the vocabulary as it is typed).
  await page.getByLabel('Add a word').fill('actress');
  await page.getByLabel('Add a word').press('Enter');
  await page.waitForSelector('.dir-point[data-word="actress"]');
  await page.waitForFunction(() => location.search.includes('actress'));
  assert.match(decodeURIComponent(page.url()), /plotted=[^&]*actress/);

  // A pair that is not a pair, and an unknown pair word: clear messages, nothing lost.
  await page.getByLabel('Up (bottom to top): pairs from → to').fill('man king');
  await page.getByRole('button', { name: 'Place the words' }).click();
  await page.getByText(/Up: “man king” is not a pair/).waitFor();
  assert.equal(await page.getByLabel('Up (bottom to top): pairs from → to').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('.dir-point').count(), 7, 'the picture stays');
  await page.getByLabel('Up (bottom to top): pairs from → to').fill('man → kingzzq');
  await page.getByRole('button', { name: 'Place the words' }).click();
  await page.getByText(/unknown word 'kingzzq' in the pair man → kingzzq of the y axis/).waitFor();

  // The link reproduces the view; the button brings the defaults back.
  await page.waitForFunction(() => location.search.includes('kingzzq'));
  const link = page.url();
  const { page: again } = await openPage(site.context, link);
  await waitForLesson(again, 'directions');
  assert.equal(await again.getByLabel('Up (bottom to top): pairs from → to').inputValue(), 'man → kingzzq');
  await again.close();
  await page.getByRole('button', { name: 'Back to gender × royalty' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.dir-point').length === 14);
  await page.waitForFunction(() => !location.search.includes('across='));
  assert.doesNotMatch(page.url(), /across=|up=|plotted=/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('directions: on a 390 px phone and alone at its embed URL', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=directions`, { viewport: { width: 390, height: 844 } });
  await waitForLesson(page, 'directions');
  await page.waitForSelector('.dir-point >> nth=13');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow} px too wide)`);
  const box = await page.locator('.dir-svg').boundingBox();
  assert.ok(box.width <= 390 && box.width > 300, `the picture fits the phone: ${box.width}px`);
  await screenshot(page, 'directions-phone');
  await page.locator('.dir-figure').screenshot({ path: join(screenshotDir, 'directions-phone-picture.png') });
  await page.close();

  const { page: frame, problems: frameProblems } = await openPage(site.context, `${site.url}embed.html?lesson=directions&across=man:woman&up=man:king&plotted=king,queen,man,woman`);
  await waitForLesson(frame, 'directions');
  await frame.waitForFunction(() => document.querySelectorAll('.dir-point').length === 4);
  assert.equal(await frame.locator('.lesson-nav').count(), 0);
  assert.deepEqual([...problems, ...frameProblems], []);
  await frame.close();
});
