// Course pages on another origin (a second loopback port) embed lessons the ways course platforms
// do: the one-line loader, a Canvas-like page that listens for lti.frameResize, a page with H5P's
// resizer protocol; an LMS wrapper that asked for learning events (and one that did not); a
// check-yourself question; the classroom word filter on the bundled vectors, which contain listed
// words. Screenshots: desktop and a 390 px phone.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FILTER_LIST } from '../../web/word-filter.js';
import { openPage, repoRoot, screenshot, screenshotDir, serveSite, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser();
const hostPages = {};
let host;
let hostDir;
before(async () => {
  hostDir = mkdtempSync(join(tmpdir(), 'shelf-course-'));
  writeFileSync(join(hostDir, 'index.html'), '<!doctype html><title>A course</title>');
  host = await serveSite(hostDir, hostPages);
});
after(async () => {
  await host?.close();
  rmSync(hostDir, { recursive: true, force: true });
});

const page = (title, body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
// The course page keeps every message from its frames, as an LMS wrapper would see them.
const RECORD = '<script>window.got = []; addEventListener("message", (e) => window.got.push({ data: e.data, origin: e.origin, ' +
  'frame: [...document.querySelectorAll("iframe")].find((f) => f.contentWindow === e.source)?.id }));</script>';
const frameHeight = (p) => p.evaluate(() => document.querySelector('iframe').clientHeight); // inside its border
const lessonHeight = (p) => p.frameLocator('iframe').locator('body').evaluate((b) => Math.ceil(b.getBoundingClientRect().height));
const axeSource = readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

async function axeClean(frame) {
  await frame.evaluate(axeSource);
  const violations = await frame.evaluate(async () =>
    (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`));
  assert.deepEqual(violations, []);
}

test('the one-line loader makes the frame, with the lesson and settings of its data attributes, and resizes it', async () => {
  assert.notEqual(new URL(host.url).origin, new URL(site.url).origin);
  hostPages['/loader.html'] = page('Week 3 (the loader)',
    `${RECORD}<p>Before.</p><script src="${site.url}embed.js" data-lesson="analogy" data-near="spain" data-k="5"></script><p>After.</p>`);
  const { page: p, problems } = await openPage(site.context, `${host.url}loader.html`);
  const frame = p.frameLocator('iframe');
  await frame.locator('.neighbor-list li').first().waitFor({ timeout: 30000 });
  const src = await p.locator('iframe').getAttribute('src');
  assert.equal(src, `${site.url}embed.html?lesson=analogy&near=spain&k=5`);
  assert.equal(await p.locator('iframe').getAttribute('title'), 'Shelf lesson: analogy');
  assert.equal(await p.evaluate(() => document.querySelector('iframe').previousElementSibling.tagName), 'SCRIPT');
  assert.equal(await frame.locator('.neighbor-list li').count(), 5);
  await p.waitForTimeout(800);
  const inner = await lessonHeight(p);
  assert.ok(Math.abs((await frameHeight(p)) - inner) <= 2, `frame ${await frameHeight(p)} px, lesson ${inner} px`);
  // Messages came from the site's origin, in the three conventions.
  const got = await p.evaluate(() => window.got);
  assert.ok(got.every((m) => m.origin === new URL(site.url).origin));
  assert.ok(got.some((m) => m.data?.type === 'shelf:height'));
  assert.ok(got.some((m) => typeof m.data === 'string' && JSON.parse(m.data).subject === 'lti.frameResize'));
  assert.ok(got.some((m) => m.data?.context === 'h5p' && m.data.action === 'hello'));
  await screenshot(p, 'course-loader');
  await p.setViewportSize({ width: 390, height: 844 });
  await p.waitForTimeout(1200);
  assert.ok(Math.abs((await frameHeight(p)) - (await lessonHeight(p))) <= 2, 'the frame follows the phone layout');
  await screenshot(p, 'course-loader-phone');
  assert.deepEqual(problems, []);
  await p.close();
});

test('a Canvas-like page resizes the frame from lti.frameResize alone, and its replies are read quietly', async () => {
  // What Canvas does for any iframe on a page (ui/shared/lti/jquery): JSON text or objects, the
  // frame found by its window, a `.response` sent back.
  hostPages['/canvas.html'] = page('A Canvas page', `<iframe src="${site.url}embed.html?lesson=embedding" title="Shelf" width="100%" height="300"></iframe>
<script>addEventListener("message", (e) => {
  let m = e.data; if (typeof m === "string") { try { m = JSON.parse(m); } catch { return; } }
  if (!m || m.subject !== "lti.frameResize") return;
  const f = [...document.querySelectorAll("iframe")].find((x) => x.contentWindow === e.source);
  f.style.height = m.height + "px"; window.resized = (window.resized || 0) + 1;
  e.source.postMessage({ subject: "lti.frameResize.response" }, e.origin);
});</script>`);
  const { page: p, problems } = await openPage(site.context, `${host.url}canvas.html`);
  await p.frameLocator('iframe').locator('article[data-lesson="embedding"]').waitFor({ timeout: 30000 });
  await p.waitForTimeout(1000);
  assert.ok((await p.evaluate(() => window.resized)) >= 1, 'resized');
  assert.ok((await frameHeight(p)) > 600, `taller than the 300 px it was given: ${await frameHeight(p)}`);
  assert.ok(Math.abs((await frameHeight(p)) - (await lessonHeight(p))) <= 2, `frame ${await frameHeight(p)}, lesson ${await lessonHeight(p)}`);
  assert.equal(await p.frameLocator('iframe').locator('body').getAttribute('data-rejected-messages'), null, 'replies are not rejected commands');
  assert.deepEqual(problems, []);
  await p.close();
});

test('a page with H5P\'s resizer protocol resizes the frame after the hello handshake', async () => {
  // The documented behaviour of h5p-resizer.js: answer hello, set the height on prepareResize
  // and answer resizePrepared, set it again on resize.
  hostPages['/h5p.html'] = page('A page with H5P content', `<iframe src="${site.url}embed.html?lesson=analogy" title="Shelf" width="100%" height="300"></iframe>
<script>window.actions = []; addEventListener("message", (e) => {
  const d = e.data; if (!d || d.context !== "h5p") return; window.actions.push(d.action);
  const f = [...document.querySelectorAll("iframe")].find((x) => x.contentWindow === e.source);
  const reply = (action) => e.source.postMessage({ context: "h5p", action }, e.origin);
  if (d.action === "hello") reply("hello");
  if (d.action === "prepareResize") { f.style.height = d.clientHeight + "px"; reply("resizePrepared"); }
  if (d.action === "resize") f.style.height = d.scrollHeight + "px";
});</script>`);
  const { page: p, problems } = await openPage(site.context, `${host.url}h5p.html`);
  await p.frameLocator('iframe').locator('.neighbor-list li').first().waitFor({ timeout: 30000 });
  await p.waitForTimeout(1000);
  const actions = await p.evaluate(() => window.actions);
  assert.equal(actions[0], 'hello');
  assert.ok(actions.includes('prepareResize') && actions.includes('resize'), actions.join(','));
  assert.ok(Math.abs((await frameHeight(p)) - (await lessonHeight(p))) <= 2, `frame ${await frameHeight(p)}, lesson ${await lessonHeight(p)}`);
  assert.equal(await p.frameLocator('iframe').locator('body').getAttribute('data-rejected-messages'), null);
  assert.deepEqual(problems, []);
  await p.close();
});

test('learning events reach an LMS wrapper that asked for them, as xAPI statements; nothing without the flag', async () => {
  hostPages['/lms.html'] = page('An LMS wrapper', `${RECORD}
<iframe id="asked" src="${site.url}embed.html?lesson=analogy&amp;xapi=1&amp;check=1&amp;checkWords=man,king,woman&amp;checkChoices=queen,prince,daughter" title="Shelf (events)" width="100%" height="900"></iframe>
<iframe id="quiet" src="${site.url}embed.html?lesson=analogy&amp;check=1" title="Shelf (no events)" width="100%" height="900"></iframe>`);
  const { page: p, problems } = await openPage(site.context, `${host.url}lms.html`);
  const requests = [];
  p.on('request', (r) => requests.push(r.url()));
  const asked = p.frameLocator('#asked');
  const quiet = p.frameLocator('#quiet');
  const statements = (id) => p.evaluate((frameId) =>
    window.got.filter((m) => m.data?.type === 'shelf:statement' && m.frame === frameId).map((m) => m.data.statement), id);
  await asked.locator('.check-yourself input[type="radio"]').first().waitFor({ timeout: 30000 });
  await quiet.locator('.check-yourself input[type="radio"]').first().waitFor({ timeout: 30000 });
  await p.waitForFunction(() => window.got.some((m) => m.data?.type === 'shelf:statement'));
  let sent = await statements('asked');
  assert.equal(sent[0].verb.id, 'http://adlnet.gov/expapi/verbs/experienced');
  assert.equal(sent[0].object.id, `${site.url}index.html?lesson=analogy`);
  assert.equal(sent[0].object.definition.name['en-US'], 'Neighbours and analogies');
  assert.equal('actor' in sent[0], false);

  // A check answered: one statement with success and the chosen answer.
  await asked.locator('.check-choices').getByLabel('queen', { exact: true }).check();
  await asked.getByRole('button', { name: 'Check my answer' }).click();
  await asked.locator('.check-verdict').waitFor();
  await p.waitForFunction(() => window.got.some((m) => m.data?.statement?.verb.display['en-US'] === 'answered'));
  sent = await statements('asked');
  const answered = sent.find((s) => s.verb.display['en-US'] === 'answered');
  assert.equal(answered.result.response, 'queen');
  assert.equal(answered.result.success, (await asked.locator('.check-yourself').getAttribute('data-outcome')) === 'right');

  // An analogy the learner sets: the engine's answer.
  await p.evaluate(() => document.getElementById('asked').contentWindow.postMessage({ type: 'shelf:set', settings: { b: 'paris', a: 'france', c: 'italy', expect: 'rome' } }, '*'));
  await p.waitForFunction(() => window.got.some((m) => m.data?.statement?.verb.display['en-US'] === 'interacted'), null, { timeout: 15000 });
  const solved = (await statements('asked')).find((s) => s.verb.display['en-US'] === 'interacted');
  assert.match(solved.result.response, /^paris − france \+ italy = \S+$/);
  assert.equal(typeof solved.result.success, 'boolean');
  assert.equal(await asked.locator('body').getAttribute('data-statements-sent'), String((await statements('asked')).length));

  // The frame without the flag answered its check too, and sent no statement; no frame fetched
  // anything from an origin other than the site's.
  await quiet.locator('.check-choices').getByLabel('queen', { exact: true }).check();
  await quiet.getByRole('button', { name: 'Check my answer' }).click();
  await quiet.locator('.check-verdict').waitFor();
  await p.waitForTimeout(800);
  assert.equal(await quiet.locator('body').getAttribute('data-statements-sent'), null);
  const all = await p.evaluate(() => window.got.filter((m) => m.data?.type === 'shelf:statement').length);
  assert.equal(all, (await statements('asked')).length, 'every statement came from the frame that asked');
  const origins = new Set(requests.map((url) => new URL(url).origin));
  origins.delete(new URL(host.url).origin);
  assert.deepEqual([...origins], [new URL(site.url).origin]);
  assert.deepEqual(problems, []);
  await p.close();
});

test('check yourself: the lesson waits for the prediction, then the engine answers and the lesson shows', async () => {
  hostPages['/check.html'] = page('Predict first', `<iframe src="${site.url}embed.html?lesson=positions&amp;check=1" title="Shelf" width="100%" height="900"></iframe>
<iframe src="${site.url}embed.html?lesson=embedding&amp;check=1&amp;checkWords=harlot&amp;checkChoices=whore,damsel,concubine,river" title="Shelf 2" width="100%" height="900"></iframe>`);
  const { page: p, problems } = await openPage(site.context, `${host.url}check.html`);
  const frame = p.frameLocator('iframe').first();
  await frame.locator('.check-yourself input[type="radio"]').first().waitFor({ timeout: 30000 });
  assert.match(await frame.locator('.check-yourself legend').innerText(), /Without positions, will “dog bites man” and “man bites dog” get different vectors/);
  assert.equal(await frame.locator('.lesson-body').isVisible(), false, 'the lesson waits');
  await screenshot(p, 'course-check-question');
  await frame.getByLabel('No, they get the same vector').check();
  await frame.getByRole('button', { name: 'Check my answer' }).click();
  await frame.locator('.check-verdict', { hasText: 'Right' }).waitFor();
  assert.match(await frame.locator('.check-result').innerText(), /cosine 1\.000/);
  await frame.locator('.lesson-body [data-fact="pooled-cosine"]').waitFor();
  assert.equal(await frame.locator('.lesson-body').isVisible(), true);
  await axeClean(p.frames().find((f) => /lesson=positions/.test(f.url())));

  // A hidden word is never offered as an answer.
  const second = p.frameLocator('iframe').nth(1);
  await second.locator('.check-yourself input[type="radio"]').first().waitFor({ timeout: 30000 });
  const offered = await second.locator('.check-choices label').allInnerTexts();
  assert.deepEqual(offered.map((t) => t.trim()), ['damsel', 'concubine', 'river']);
  await second.getByLabel('damsel').check();
  await second.getByRole('button', { name: 'Check my answer' }).click();
  await second.locator('.check-verdict').waitFor();
  assert.doesNotMatch(await second.locator('.check-yourself').innerText(), /whore/);
  await screenshot(p, 'course-check-answered');
  await p.locator('iframe').nth(1).scrollIntoViewIfNeeded();
  await p.locator('iframe').nth(1).screenshot({ path: join(screenshotDir, 'course-check-hidden-word.png') });
  await p.setViewportSize({ width: 390, height: 844 });
  await p.waitForTimeout(600);
  await screenshot(p, 'course-check-answered-phone');
  assert.deepEqual(problems, []);
  await p.close();
});

test('the classroom word filter: listed words of the bundled vectors are hidden, counted and said; wordFilter=0 shows them', async () => {
  const listed = new Set(FILTER_LIST);
  const read = async (url) => {
    const { page: p, problems } = await openPage(site.context, url);
    await waitForLesson(p, 'analogy');
    await p.locator('.neighbor-list li').nth(19).waitFor();
    await p.waitForFunction(() => document.querySelector('[data-status="word-filter"]')?.textContent.match(/hidden|off/));
    await p.waitForFunction(() => document.getElementById('shelf-vocabulary')?.options.length > 1000);
    const result = {
      neighbours: await p.locator('.neighbor-list li .word, .neighbor-list li').allInnerTexts(),
      vocabulary: await p.evaluate(() => [...document.getElementById('shelf-vocabulary').options].map((o) => o.value)),
      note: (await p.locator('[data-status="word-filter"]').innerText()).replace(/\s+/g, ' ').replace(' :', ':'),
      hidden: Number(await p.locator('[data-status="word-filter"]').getAttribute('data-hidden')),
    };
    return { p, problems, ...result };
  };
  const words = (texts) => texts.join(' ').toLowerCase().split(/[^a-z]+/).filter(Boolean);

  const off = await read(`${site.url}?lesson=analogy&near=harlot&k=20&wordFilter=0`);
  assert.ok(words(off.neighbours).some((w) => listed.has(w)), `unfiltered, a listed word is near “harlot”: ${off.neighbours.join(' | ')}`);
  assert.ok(off.vocabulary.some((w) => listed.has(w)), 'and among the suggested words');
  assert.match(off.note, /off/);
  await off.p.close();

  const on = await read(`${site.url}?lesson=analogy&near=harlot&k=20`);
  assert.equal(words(on.neighbours).filter((w) => listed.has(w)).length, 0, on.neighbours.join(' | '));
  assert.equal(on.vocabulary.filter((w) => listed.has(w)).length, 0);
  assert.ok(on.hidden > 0);
  assert.match(on.note, new RegExp(`Classroom word filter: ${on.hidden} words? hidden`));
  console.log(`# the bundled vectors: ${on.hidden} words hidden by the classroom word filter`);
  // The analogy's answers too, and a typed hidden word is refused.
  await on.p.evaluate(() => window.scrollTo(0, 0));
  await screenshot(on.p, 'course-word-filter');
  assert.deepEqual(on.problems, []);
  await on.p.close();

  // In an embed the learners see the count; the author's link switches the filter.
  hostPages['/filter.html'] = page('Filtered and not', `<iframe src="${site.url}embed.html?lesson=analogy&amp;near=harlot" title="Shelf" width="100%" height="900"></iframe>`);
  const { page: p, problems } = await openPage(site.context, `${host.url}filter.html`);
  const frame = p.frameLocator('iframe');
  await frame.locator('.neighbor-list li').first().waitFor({ timeout: 30000 });
  await frame.locator('[data-status="word-filter"]', { hasText: 'hidden' }).waitFor();
  assert.equal(await frame.locator('[data-status="word-filter"] input').count(), 0, 'no switch for learners');
  await p.evaluate(() => document.querySelector('iframe').contentWindow.postMessage({ type: 'shelf:set', settings: { wordFilter: false } }, '*'));
  await frame.locator('[data-status="word-filter"]', { hasText: 'off' }).waitFor();
  await frame.locator('.neighbor-list li', { hasText: /./ }).first().waitFor();
  assert.deepEqual(problems, []);
  await p.close();
});

test('a training run to its end is one "completed" statement', async () => {
  hostPages['/train.html'] = page('Train and report', `${RECORD}
<iframe id="train" src="${site.url}embed.html?lesson=shelves&amp;xapi=1&amp;epochs=1&amp;dim=10&amp;speed=50000" title="Shelf" width="100%" height="1200"></iframe>`);
  const { page: p, problems } = await openPage(site.context, `${host.url}train.html`);
  const frame = p.frameLocator('iframe');
  await frame.locator('body[data-ready="true"] article[data-lesson="shelves"]').waitFor({ timeout: 30000 });
  await frame.getByRole('button', { name: '▶ Play' }).click();
  await p.waitForFunction(() => window.got.some((m) => m.data?.statement?.verb.display['en-US'] === 'completed'), null, { timeout: 240000, polling: 1000 });
  const completed = await p.evaluate(() => window.got.filter((m) => m.data?.statement?.verb.display['en-US'] === 'completed').map((m) => m.data.statement));
  assert.equal(completed.length, 1);
  assert.equal(completed[0].verb.id, 'http://adlnet.gov/expapi/verbs/completed');
  assert.equal(completed[0].object.id, `${site.url}index.html?lesson=shelves`);
  assert.equal(completed[0].result.completion, true);
  assert.match(completed[0].result.duration, /^PT\d+(\.\d+)?S$/);
  assert.match(completed[0].result.response, /^trained 1 epochs; loss \d+\.\d{3}$/);
  assert.deepEqual(problems, []);
  await p.close();
});
