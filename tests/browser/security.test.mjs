// The Content-Security-Policy (scripts/site-policy.mjs): the site runs under it with no violation
// (the page, the engine's worker, the service worker: every lesson and a training run), and the
// policy really blocks inline script, inline style, eval and requests to another origin.
// Violations are counted three ways: `securitypolicyviolation` events in the page, console
// messages about the policy (page and workers), and the reports the browser sends to the test
// server (the header's report-uri), which also cover the workers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser({}, { serviceWorkers: 'allow' });

/** Runs in the page before its own scripts: records every violation event. */
function recordViolations() {
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    window.cspViolations.push(`${event.effectiveDirective}: ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`));
}

function watchConsoleForPolicy(context) {
  const messages = [];
  context.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) messages.push(message.text());
  });
  return messages;
}

/** What each lesson shows once it has computed its first answer. */
const LESSON_READY = {
  embedding: '[data-fact="cosine"]',
  shelves: '.scatter[data-words]',
  analogy: '[data-fact="rank"]',
  directions: '.dir-point',
  clusters: '[data-fact="ari"]',
  positions: '[data-fact="pooled-cosine"]',
  retrieval: '.hit-list[data-method="meaning"] .hit',
};

test('the page, the engine worker and the service worker break no rule: every lesson and a training run', async () => {
  const consoleMessages = watchConsoleForPolicy(site.context);
  const reportsBefore = site.cspReports.length;
  const served = await fetch(site.url);
  assert.match(served.headers.get('content-security-policy'), /script-src 'self' 'wasm-unsafe-eval'/);
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=embedding&epochs=1`, { initScript: recordViolations });
  assert.match(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), /default-src 'self'/);
  await waitForLesson(page, 'embedding');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 });

  for (const [lesson, ready] of Object.entries(LESSON_READY)) {
    await page.locator(`.lesson-nav a[data-lesson="${lesson}"]`).click();
    await waitForLesson(page, lesson);
    await page.waitForSelector(ready, { timeout: 60000 });
  }

  // Live training of the bundled corpus: downloaded (through the service worker), read, trained.
  await page.locator('.lesson-nav a[data-lesson="shelves"]').click();
  await waitForLesson(page, 'shelves');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForSelector('body[data-training-phase="running"]', { timeout: 120000 });
  await page.waitForTimeout(3000);
  if ((await page.evaluate(() => document.body.dataset.trainingPhase)) === 'running') {
    await page.getByRole('button', { name: 'Pause' }).click();
  }
  await page.waitForSelector('body[data-training-phase="paused"], body[data-training-phase="finished"]');
  assert.match(await page.locator('.loss-caption').innerText(), /^Loss \d/);
  await page.waitForTimeout(1000); // reports are sent asynchronously

  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(consoleMessages, []);
  assert.deepEqual(site.cspReports.slice(reportsBefore), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the policy blocks inline script and style, eval, and requests elsewhere, in the page and in its worker', async () => {
  const reportsBefore = site.cspReports.length;
  const { page } = await openPage(site.context, `${site.url}?lesson=analogy`, { initScript: recordViolations });
  await waitForLesson(page, 'analogy');
  const elsewhere = site.url.replace('127.0.0.1', 'localhost'); // the same server, another origin

  const inPage = await page.evaluate(async (otherOrigin) => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true;';
    document.body.append(script);
    const img = document.createElement('img');
    img.setAttribute('src', 'data:,');
    img.setAttribute('onerror', 'window.inlineHandlerRan = true;');
    img.setAttribute('onload', 'window.inlineHandlerRan = true;');
    document.body.append(img);
    const style = document.createElement('style');
    style.textContent = 'body { outline: 7px solid rgb(1, 2, 3); }';
    document.head.append(style);
    // From a timer: code that DevTools evaluates directly is exempt from the eval check.
    const evalResult = await new Promise((done) => setTimeout(() => {
      try {
        done(String(window.eval('1 + 1')));
      } catch (error) {
        done(error.name);
      }
    }));
    window.stringTimerRan = false;
    setTimeout('window.stringTimerRan = true');
    let fetched;
    try {
      await fetch(new URL('data/manifest.json', otherOrigin));
      fetched = 'fetched';
    } catch (error) {
      fetched = error.name;
    }
    await new Promise((done) => setTimeout(done, 300));
    return {
      inlineScriptRan: window.inlineScriptRan === true,
      inlineHandlerRan: window.inlineHandlerRan === true,
      stringTimerRan: window.stringTimerRan,
      outline: getComputedStyle(document.body).outlineColor,
      evalResult,
      fetched,
      violations: window.cspViolations.map((line) => line.split(':')[0]),
    };
  }, elsewhere);
  assert.equal(inPage.inlineScriptRan, false, 'an injected inline script does not run');
  assert.equal(inPage.inlineHandlerRan, false, 'an inline event handler does not run');
  assert.notEqual(inPage.outline, 'rgb(1, 2, 3)', 'an injected <style> does not apply');
  assert.equal(inPage.evalResult, 'EvalError');
  assert.equal(inPage.stringTimerRan, false, 'a string timer does not run');
  assert.equal(inPage.fetched, 'TypeError', 'a request to another origin is refused');
  for (const directive of ['script-src-elem', 'script-src-attr', 'style-src-elem', 'script-src', 'connect-src']) {
    assert.ok(inPage.violations.includes(directive), `${directive} in ${inPage.violations.join(', ')}`);
  }

  // The engine's worker has the policy of its own response (the header), not the page's <meta>.
  const worker = page.workers().find((w) => /worker/.test(w.url()));
  assert.ok(worker, `the engine worker among ${page.workers().map((w) => w.url())}`);
  const inWorker = await worker.evaluate(async (otherOrigin) => {
    const evalResult = await new Promise((done) => setTimeout(() => {
      try {
        done(String(new Function('return 1 + 1')()));
      } catch (error) {
        done(error.name);
      }
    }));
    let fetched;
    try {
      await fetch(new URL('data/manifest.json', otherOrigin));
      fetched = 'fetched';
    } catch (error) {
      fetched = error.name;
    }
    return { evalResult, fetched };
  }, elsewhere);
  assert.deepEqual(inWorker, { evalResult: 'EvalError', fetched: 'TypeError' });
  // And the browser reported the worker's violations to the server.
  const fromWorker = () => site.cspReports.slice(reportsBefore).filter((report) => report['source-file'] === worker.url() || report['document-uri'] === worker.url());
  for (let waited = 0; fromWorker().length < 2 && waited < 10000; waited += 250) await page.waitForTimeout(250);
  assert.deepEqual(fromWorker().map((report) => report['effective-directive']).sort(), ['connect-src', 'script-src']);
  await page.close();
});
