// The word map explored as a visitor would, on the library shelves over the bundled snapshot:
// with a mouse (wheel zoom, drag pan, hover, click a book to make it the probe), with the
// keyboard alone (zoom, pan, search, Enter picks the word under the centre cross) and by touch
// on a phone-sized screen (tap to pick, two-finger pinch to zoom, one finger pans once zoomed).
// Screenshots of the explored map at desktop and phone widths go to build/screenshots/.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { openPage, screenshot, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser();
const map = (page) => page.locator('.scatter').first();
const data = (page, key) => map(page).evaluate((element, k) => element.dataset[k] ?? null, key);
const zoomOf = async (page) => Number(await data(page, 'zoom'));
/** The map's centre on the page. */
async function centre(page) {
  await map(page).scrollIntoViewIfNeeded();
  const box = await page.locator('.scatter canvas').first().boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, box };
}
/** Waits until an animated move of the view has stopped (the zoom reads the same twice). */
async function settled(page) {
  let last = null;
  for (let i = 0; i < 40; i += 1) {
    const now = `${await data(page, 'zoom')} ${await data(page, 'offset')}`;
    if (now === last) return;
    last = now;
    await page.waitForTimeout(120);
  }
}

async function openShelves(context, url) {
  // The most frequent words as the books, so that everyday words such as “water” are on the map.
  const opened = await openPage(context, `${url}?lesson=shelves&books=frequent`);
  await waitForLesson(opened.page, 'shelves');
  await opened.page.waitForSelector('.scatter[data-words][data-zoom]');
  return opened;
}

test('mouse: the wheel zooms at the pointer, a drag pans, hover names a book, a click makes it the probe', async () => {
  const { page, problems } = await openShelves(site.context, site.url);
  const { x, y } = await centre(page);
  assert.equal(await zoomOf(page), 1);
  await page.mouse.move(x, y);
  await page.mouse.wheel(0, -400);
  await page.waitForFunction(() => Number(document.querySelector('.scatter').dataset.zoom) > 1.5);
  const zoomed = await zoomOf(page);
  const offset = await data(page, 'offset');

  // A drag moves the map and picks nothing.
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 60, y + 30, { steps: 5 });
  await page.mouse.move(x + 120, y + 40, { steps: 5 });
  await page.mouse.up();
  assert.notEqual(await data(page, 'offset'), offset, 'the drag panned the map');
  assert.equal(await zoomOf(page), zoomed, 'a drag does not zoom');
  assert.equal(await data(page, 'picked'), null, 'a drag is not a click');

  // The search box finds a word and centres it; a word not on the map is said to be missing.
  const find = page.getByLabel('Find a word on the map');
  await find.fill('zzqxv');
  await find.press('Enter');
  await page.getByRole('status').filter({ hasText: '“zzqxv” is not on the map' }).waitFor();
  await find.fill('Water');
  await find.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Found “water”' }).waitFor();
  assert.equal(await data(page, 'found'), 'water');
  await settled(page);
  assert.ok((await zoomOf(page)) >= 3, 'find zooms in on the word');

  // Hover names the book under the pointer; a click makes it the probe.
  await page.mouse.move(x + 1, y + 1);
  await page.waitForFunction(() => document.querySelector('.scatter').dataset.hovered === 'water');
  assert.equal(await page.locator('.scatter-tooltip').first().innerText(), 'water');
  await page.mouse.click(x, y);
  await page.waitForURL(/probe=water/);
  assert.equal(await data(page, 'picked'), 'water');
  assert.equal(await page.getByLabel('Probe word').inputValue(), 'water');
  await screenshot(page, 'map-found-picked');

  // The buttons: zoom in and out, move, and back to the whole map.
  const before = await zoomOf(page);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await settled(page);
  assert.ok((await zoomOf(page)) > before);
  const there = await data(page, 'offset');
  await page.getByRole('button', { name: 'Move left' }).click();
  await settled(page);
  assert.notEqual(await data(page, 'offset'), there);
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await settled(page);
  await page.getByRole('button', { name: 'Show the whole map' }).click();
  await settled(page);
  assert.equal(await zoomOf(page), 1);
  assert.equal(await data(page, 'offset'), '0.000,0.000');
  assert.deepEqual(problems, []);
  await page.close();
});

test('keyboard: search, zoom and pan keys, and Enter on the map picks the word under the cross', async () => {
  const { page, problems } = await openShelves(site.context, site.url);
  const find = page.getByLabel('Find a word on the map');
  await find.focus();
  await page.keyboard.type('france');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Found “france”' }).waitFor();
  await settled(page);
  // Shift+Tab from the search box reaches the map itself.
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('scatter-canvas')), true);
  await page.waitForFunction(() => document.querySelector('.scatter').dataset.cursor === 'france');
  await page.keyboard.press('Enter');
  await page.waitForURL(/probe=france/);
  assert.equal(await data(page, 'picked'), 'france');
  await screenshot(page, 'map-keyboard-cross');

  const zoom = await zoomOf(page);
  await page.keyboard.press('+');
  await settled(page);
  assert.ok(Math.abs((await zoomOf(page)) / zoom - 1.5) < 0.01, 'plus zooms in by 1.5');
  await page.keyboard.press('-');
  await settled(page);
  assert.ok(Math.abs((await zoomOf(page)) - zoom) < 0.01, 'minus zooms back out');
  const offset = await data(page, 'offset');
  await page.keyboard.press('ArrowRight');
  await settled(page);
  assert.notEqual(await data(page, 'offset'), offset, 'an arrow key pans');
  // Panning away from the word leaves the cross on another word (or none); Enter picks that one.
  await page.keyboard.press('0');
  await settled(page);
  assert.equal(await zoomOf(page), 1, '0 shows the whole map');
  const scroll = await page.evaluate(() => window.scrollY);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => window.scrollY), scroll, 'arrow keys on the map move the map, not the page');

  // Every map control is reached by Tab and has a name.
  const names = await page.evaluate(() => [...document.querySelectorAll('.scatter button, .scatter input')].map((el) => el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent));
  for (const name of ['Find a word on the map', 'Zoom in', 'Zoom out', 'Show the whole map', 'Move up', 'Move left', 'Move right', 'Move down']) {
    assert.ok(names.includes(name), `${name} is there: ${names}`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

// Touch: a phone-sized context with a touch screen (Playwright's hasTouch), its own browser.
let phone;
let phoneProfile;
before(async () => {
  phoneProfile = mkdtempSync(join(tmpdir(), 'shelf-touch-'));
  phone = await chromium.launchPersistentContext(phoneProfile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    serviceWorkers: 'block',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    hasTouch: true,
    isMobile: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
after(async () => {
  await phone?.close();
  if (phoneProfile) rmSync(phoneProfile, { recursive: true, force: true });
});

/** Sends a touch gesture through the browser's input pipeline: `frames` of finger positions. */
async function touchGesture(page, frames) {
  const cdp = await page.context().newCDPSession(page);
  const points = (frame) => frame.map(([x, y], id) => ({ x, y, id, radiusX: 4, radiusY: 4, force: 1 }));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(frames[0]) });
  for (const frame of frames.slice(1)) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points(frame) });
    await page.waitForTimeout(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

test('touch: a tap picks a book, two fingers pinch to zoom, one finger pans a zoomed map', async () => {
  const { page, problems } = await openShelves(phone, site.url);
  const find = page.getByLabel('Find a word on the map');
  await find.fill('egypt');
  await find.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Found “egypt”' }).waitFor();
  await settled(page);
  const { x, y } = await centre(page);
  await page.touchscreen.tap(x, y);
  await page.waitForURL(/probe=egypt/);
  assert.equal(await data(page, 'picked'), 'egypt');
  await screenshot(page, 'map-phone-tap');

  await page.getByRole('button', { name: 'Show the whole map' }).click();
  await settled(page);
  assert.equal(await zoomOf(page), 1);
  // Two fingers 40 px apart spread to 200 px apart: the map zooms in about five times.
  const { x: cx, y: cy } = await centre(page);
  const frames = [];
  for (let i = 0; i <= 10; i += 1) {
    const half = 20 + 8 * i;
    frames.push([[cx - half, cy], [cx + half, cy]]);
  }
  await touchGesture(page, frames);
  await settled(page);
  const zoom = await zoomOf(page);
  assert.ok(zoom > 3 && zoom < 7, `the pinch zoomed in: ${zoom}`);
  const offset = await data(page, 'offset');
  await touchGesture(page, [[[cx, cy]], [[cx - 20, cy - 10]], [[cx - 60, cy - 30]], [[cx - 90, cy - 40]]]);
  await settled(page);
  assert.notEqual(await data(page, 'offset'), offset, 'one finger pans the zoomed map');
  assert.equal(await zoomOf(page), zoom);
  await screenshot(page, 'map-phone-pinched');
  assert.deepEqual(problems, []);
  await page.close();
});
