// Lessons 4–6 as a reader meets them: k-means colours the map and the categories get a purity and
// an adjusted Rand index; "dog bites man" and "man bites dog" pool alike until positions are
// added; a question retrieves the passage that answers it, with its words marked and the prompt
// ready to copy; each lesson renders alone at its embed URL; axe finds nothing serious.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, screenshot, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser();

const number = async (page, fact) => Number(await page.locator(`[data-fact="${fact}"]`).first().innerText());

/** The distinct opaque colours on a canvas, counted over a grid of pixels. */
async function canvasColours(page, selector) {
  return page.locator(selector).evaluate((canvas) => {
    const g = canvas.getContext('2d');
    const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
    const seen = new Map();
    for (let i = 0; i < data.length; i += 4 * 3) {
      const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    return [...seen.entries()].filter(([, count]) => count >= 20).map(([key]) => key);
  });
}

test('clusters: the four categories alone separate clearly, the whole vocabulary less; one engine request each', async () => {
  // Count the requests the page sends the engine: one clusterWords per clustering, no per-word vectors.
  const initScript = () => {
    window.engineRequests = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, ...rest) {
      if (message?.type) window.engineRequests.push(message.type);
      return post.call(this, message, ...rest);
    };
  };
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=clusters`, { initScript });
  await waitForLesson(page, 'clusters');
  await page.waitForSelector('.category-map[data-groups="4"][data-words][data-zones]');
  await page.waitForSelector('.vocabulary-map[data-groups="8"][data-words="2000"][data-zones]', { timeout: 60000 });
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-fact="ari-all"]')?.textContent ?? ''));
  await page.waitForTimeout(300);
  const categoryWords = Number(await page.locator('.category-map').getAttribute('data-words'));
  assert.ok(categoryWords >= 48, `most category words are known to the snapshot (${categoryWords})`);
  assert.ok(Number(await page.locator('.category-map').getAttribute('data-zones')) >= 3, 'the clusters\' zones are drawn');
  assert.equal(await page.locator('.category-map-part .cluster-legend li').count(), 4);

  const purity = await number(page, 'purity');
  const ari = await number(page, 'ari');
  const purityAll = await number(page, 'purity-all');
  const ariAll = await number(page, 'ari-all');
  console.log(`# clusters, seed 1: the categories alone (k = 4) purity ${purity}, ARI ${ari}; among the 2,000 most frequent words (k = 8) purity ${purityAll}, ARI ${ariAll}`);
  assert.ok(purity > 0.5 && purity <= 1, `purity ${purity}`);
  assert.ok(ari > 0.3 && ari <= 1, `the categories alone separate clearly: ARI ${ari}`);
  assert.ok(ariAll < ari, `the lesson's claim: separation is weaker among the whole vocabulary (${ariAll} vs ${ari})`);
  assert.match(await page.locator('.category-map-part .category-list').innerText(), /countries \(C\): france \d/);
  const requests = await page.evaluate(() => window.engineRequests);
  assert.equal(requests.filter((type) => type === 'vector').length, 0, 'no per-word vector requests');
  assert.ok(requests.filter((type) => type === 'clusterWords').length <= 3, `one clusterWords per clustering: ${requests}`);

  // The dots carry the clusters' colours (drawn at 80% over the paper and the zones' light tint).
  const hex = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  const palette = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#5b5b5b', '#b8a000'].map(hex);
  const colours = (await canvasColours(page, '.vocabulary-map canvas')).map((c) => c.split(',').map(Number));
  const near = (a, b, tolerance) => a.every((v, i) => Math.abs(v - b[i]) <= tolerance);
  const used = palette.filter((c) => colours.some((seen) => near(seen, c, 3) || near(seen, c.map((v) => 0.8 * v + 0.2 * 255), 14)));
  assert.ok(used.length >= 6, `the map shows the clusters' colours (found ${used.length} of 8)`);

  // The slider is a keyboard control: one step right is one more cluster.
  await page.getByLabel('Number of clusters (k)', { exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('.vocabulary-map[data-groups="9"]');
  await page.waitForFunction(() => document.querySelectorAll('.vocabulary-map-part .cluster-legend li').length === 9);
  await page.waitForURL(/clusters=9/);

  // Focusing a cluster in the list brings it forward on the map.
  await page.locator('.vocabulary-map-part .cluster-button').nth(2).focus();
  assert.equal(await page.locator('.vocabulary-map').getAttribute('data-highlight'), '3');
  await page.locator('.vocabulary-map-part .cluster-button').nth(2).blur();

  // Finding a word and clicking it brings its cluster forward.
  const find = page.locator('.category-map').getByLabel('Find a word on the map');
  await find.fill('lion');
  await find.press('Enter');
  await page.locator('.category-map').getByRole('status').filter({ hasText: 'Found “lion”' }).waitFor();
  await page.waitForTimeout(500);
  const box = await page.locator('.category-map canvas').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('[data-role="category-status"]', { hasText: '“lion” is in cluster' }).waitFor();
  assert.match(await page.locator('.category-map').getAttribute('data-highlight'), /^[1-4]$/);
  await screenshot(page, 'lesson-clusters');

  // The table view lists the clusters in words.
  await page.getByLabel('tables', { exact: true }).check();
  await page.waitForSelector('.vocabulary-map-part .cluster-table table tbody tr');
  assert.equal(await page.locator('.vocabulary-map-part .cluster-table tbody tr').count(), 9);
  assert.equal(await page.locator('.category-map-part .cluster-table tbody tr').count(), 4);
  assert.equal(await page.locator('.vocabulary-map').isHidden(), true);
  assert.deepEqual(problems, []);
  await page.close();

  // On a phone: nothing sticks out sideways, and both maps show.
  const phone = await openPage(site.context, `${site.url}?lesson=clusters`, { viewport: { width: 390, height: 844 } });
  await waitForLesson(phone.page, 'clusters');
  await phone.page.waitForSelector('.vocabulary-map[data-zones]', { timeout: 60000 });
  await phone.page.waitForSelector('.category-map[data-zones]');
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `the page is ${overflow}px wider than the phone`);
  await screenshot(phone.page, 'lesson-clusters-phone');
  assert.deepEqual(phone.problems, []);
  await phone.page.close();
});

test('positions: the two sentences pool alike, and differ once positions are added', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=positions`);
  await waitForLesson(page, 'positions');
  await page.waitForSelector('[data-fact="pooled-cosine"]');
  assert.equal(await page.getByLabel('First sentence', { exact: true }).inputValue(), 'dog bites man');
  assert.equal(await page.getByLabel('Second sentence', { exact: true }).inputValue(), 'man bites dog');
  assert.equal(await page.locator('[data-fact="pooled-cosine"]').innerText(), '1.000');
  const positional = await number(page, 'positional-cosine');
  assert.ok(positional < 0.999, `"dog" at position 0 and at position 2 differ: cosine ${positional}`);
  // The same word's token vector is the same in both sentences; its input vector is not.
  assert.equal(await page.locator('[data-fact="word-dog-tokens"]').innerText(), '1.000');
  assert.ok(Number(await page.locator('[data-fact="word-dog-inputs"]').innerText()) < 0.999);
  // Honest about the mean: token + position still averages alike over a reordering.
  assert.equal(await page.locator('[data-fact="pooled-inputs"]').innerText(), '1.000');
  assert.equal(await page.locator('.heat-map canvas').count(), 6);
  await screenshot(page, 'lesson-positions');

  // The slider at 0 removes the positions: the word is the same vector again.
  await page.getByLabel('Size of the position vectors', { exact: true }).focus();
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.querySelector('[data-fact="positional-cosine"]')?.textContent === '1.000');
  await page.waitForURL(/posScale=0/);

  // A heat map reads out its cells from the keyboard.
  await page.locator('.heat-map canvas').first().focus();
  await page.keyboard.press('ArrowRight');
  assert.match(await page.locator('.heat-map .heat-readout').first().innerText(), /0: dog, dimension 2 of 100: -?\d/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('retrieval: a question retrieves the passage that answers it, marked, with the prompt to copy', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=retrieval`);
  await waitForLesson(page, 'retrieval');
  await page.waitForSelector('.hit-list[data-method="meaning"] .hit');
  const first = page.locator('.hit-list[data-method="meaning"] .hit').first();
  assert.match(await first.locator('.hit-text').innerText(), /^David and Goliath\./);
  const marked = await first.locator('mark').allInnerTexts();
  assert.ok(marked.map((w) => w.toLowerCase()).includes('giant'), `marked: ${marked}`);
  const prompt = await page.getByLabel('Prompt', { exact: true }).inputValue();
  assert.ok(prompt.indexOf('David and Goliath') < prompt.indexOf('Question: who killed the giant with a stone?'), 'context first, then the question');
  await screenshot(page, 'lesson-retrieval');

  // "Who built the ark?" with SIF weights: by meaning, the Noah passage is among the top two (Solomon's
  // temple, "King Solomon built a house", is its near rival; tests/browser/retrieval.test.mjs checks
  // which wins, as the page's hint says).
  await page.getByLabel(/^SIF/).check();
  await page.getByLabel('Question', { exact: true }).fill('who built the ark?');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/pooling=sif/);
  await page.waitForFunction(() => [...document.querySelectorAll('.hit-list[data-method="meaning"] .hit .hit-text')].slice(0, 2)
    .some((hit) => /^Noah and the ark\./.test(hit.textContent)));

  // The reader's own text: indexed, searched, and shown as text even when it looks like HTML.
  await page.getByLabel('your own text', { exact: true }).check();
  await page.getByLabel('Your text', { exact: true }).fill('The cat sat on the mat. <img src=x onerror="window.hacked=1">\n\nThe ship sailed across the sea to a far country.');
  await page.getByRole('button', { name: 'Index this text' }).click();
  await page.waitForFunction(() => /2 chunks from pasted text/.test(document.querySelector('[data-role="index-status"]')?.textContent ?? ''));
  await page.getByLabel('Question', { exact: true }).fill('where did the ship sail?');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForFunction(() => /^The ship sailed/.test(document.querySelector('.hit-list[data-method="meaning"] .hit .hit-text')?.textContent ?? ''));
  assert.equal(await page.locator('.method-columns img').count(), 0);
  assert.equal(await page.evaluate(() => window.hacked), undefined);
  assert.match(await page.locator('.method-columns').innerText(), /<img src=x onerror/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('each of lessons 4–6 renders alone at its embed URL, with the settings of the link', async () => {
  const cases = [
    ['clusters', 'clusters=5&categories=0', async (page) => {
      await page.waitForSelector('.cluster-map[data-groups="5"]');
      assert.equal(await page.getByLabel('Show the category words', { exact: true }).isChecked(), false);
    }],
    ['positions', 'sentenceA=the+cat+ate+the+fish&sentenceB=the+fish+ate+the+cat&posScale=0.5', async (page) => {
      await page.waitForFunction(() => document.querySelector('[data-fact="pooled-cosine"]')?.textContent === '1.000');
      assert.ok(Number(await page.locator('[data-fact="positional-cosine"]').innerText()) < 0.999);
      assert.equal(await page.getByLabel('Size of the position vectors', { exact: true }).inputValue(), '0.5');
    }],
    ['retrieval', 'question=what+is+the+capital+of+france%3F&hits=2', async (page) => {
      await page.waitForFunction(() => /^France\./.test(document.querySelector('.hit-list[data-method="meaning"] .hit .hit-text')?.textContent ?? ''));
      assert.equal(await page.locator('.hit-list[data-method="meaning"] .hit').count(), 2);
    }],
  ];
  for (const [lesson, query, check] of cases) {
    const { page, problems } = await openPage(site.context, `${site.url}embed.html?lesson=${lesson}&${query}`);
    await waitForLesson(page, lesson);
    await check(page);
    assert.equal(await page.locator('.lesson-nav').count(), 0, 'no lesson navigation');
    assert.equal(await page.locator('.data-panel').count(), 0, 'no data panel');
    assert.match(await page.locator('.open-full').getAttribute('href'), new RegExp(`index\\.html\\?lesson=${lesson}`));
    await page.waitForTimeout(300);
    await screenshot(page, `embed-${lesson}`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
