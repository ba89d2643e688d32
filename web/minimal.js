// The smallest page over the engine: start the worker, train on a bundled text, ask for
// neighbours. Plain ES modules, no bundler.
import { createEngineClient } from '../wasm/client.js';

const $ = (id) => document.getElementById(id);
// minimal.html?engine=scalar tries the engine built without SIMD.
const flavour = new URLSearchParams(location.search).get('engine');
const workerUrl = new URL(`../wasm/worker.js${flavour ? `?engine=${encodeURIComponent(flavour)}` : ''}`, import.meta.url);
const worker = new Worker(workerUrl, { type: 'module' });
const engine = createEngineClient(worker);
let controller = null;

function showError(error) {
  $('error').textContent = error ? `${error.message} (${error.code ?? 'error'})` : '';
}

function showProgress(progress) {
  $('progress').value = progress.fraction;
  const state = progress.finished
    ? 'finished'
    : progress.running
      ? 'training'
      : progress.wordsDone > 0
        ? 'paused'
        : 'ready';
  $('status').textContent =
    `${state}: epoch ${progress.epoch + 1}/${progress.epochs}, loss ${progress.loss.toFixed(3)}, ` +
    `${Math.round(progress.wordsPerSecond).toLocaleString()} words/s`;
  $('train').disabled = progress.running;
  $('pause').disabled = !progress.running;
  document.body.dataset.training = state;
}

async function ask(event) {
  event?.preventDefault();
  try {
    const { words, scores } = await engine.neighbors({ word: $('word').value, k: 10 });
    $('neighbors').replaceChildren(
      ...words.map((word, i) => {
        const item = document.createElement('li');
        item.textContent = `${word} `;
        const score = document.createElement('span');
        score.className = 'score';
        score.textContent = scores[i].toFixed(3);
        item.append(score);
        return item;
      }),
    );
    showError(null);
  } catch (error) {
    $('neighbors').replaceChildren();
    showError(error);
  }
}

async function train() {
  showError(null);
  try {
    controller = new AbortController();
    await engine.train({ wordsPerStep: 5000 }, { signal: controller.signal });
  } catch (error) {
    showError(error);
  }
}

async function start() {
  const info = await engine.init();
  $('engine').textContent = `Engine ${info.version}, kernels: ${info.instructionSet}`;
  document.body.dataset.instructionSet = info.instructionSet;
  const text = await (await fetch(new URL('./data/sample.txt', import.meta.url))).text();
  const corpus = await engine.loadCorpus({ text, minCount: 2 });
  $('engine').textContent += ` — corpus: ${corpus.rawWords.toLocaleString()} words, ${corpus.vocab} in the vocabulary`;
  const { progress } = await engine.configure({ dim: 50, window: 5, epochs: 30, sample: 1e-3, seed: 1 });
  showProgress(progress);
  engine.onProgress((p) => {
    showProgress(p);
    if (!p.running) ask();
  });
  $('train').addEventListener('click', train);
  $('pause').addEventListener('click', () => controller?.abort());
  $('query').addEventListener('submit', ask);
  $('ask').disabled = false;
  await train();
}

start().catch(showError);
