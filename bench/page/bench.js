// The benchmark page: trains the same corpus slice in a real module worker with each engine
// flavour (wasm/worker.js?engine=simd|scalar) and publishes the figures as
// `window.shelfBench` ({ done, settings, runs, best, error }) for bench/browser-train.mjs, and as
// a table for people.
import { createEngineClient } from '../../wasm/client.js';

const params = new URL(location.href).searchParams;
const number = (name, fallback, min, max) => {
  const value = Number(params.get(name) ?? fallback);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number in [${min}, ${max}]`);
  return value;
};

const status = document.getElementById('status');
const table = document.getElementById('results');
const report = { done: false, settings: null, runs: [], best: {}, error: null, userAgent: navigator.userAgent };
window.shelfBench = report;

function show(text) {
  status.textContent = text;
}

function addRow(run) {
  const row = document.createElement('tr');
  for (const value of [run.flavour, run.round, run.words.toLocaleString('en'), run.seconds.toFixed(2),
    Math.round(run.wordsPerSecond).toLocaleString('en'), run.wallSeconds.toFixed(2)]) {
    const cell = document.createElement('td');
    cell.textContent = String(value);
    row.append(cell);
  }
  table.tBodies[0].append(row);
  table.hidden = false;
}

// One training run in a fresh worker: load the text, configure, train to the end.
async function trainOnce(flavour, text, settings) {
  const worker = new Worker(new URL(`../../wasm/worker.js?engine=${flavour}`, import.meta.url), { type: 'module' });
  try {
    const engine = createEngineClient(worker);
    const info = await engine.init();
    if ((flavour === 'simd') !== info.simd) throw new Error(`asked for the ${flavour} engine, got ${info.instructionSet}`);
    const corpus = await engine.loadCorpus({ text });
    await engine.configure({ dim: settings.dim, epochs: settings.epochs, seed: 1 });
    const finished = new Promise((resolve, reject) => {
      engine.onProgress((progress) => {
        if (progress.error) reject(new Error(progress.error.message));
        else if (progress.finished) resolve(progress);
      });
    });
    const start = performance.now();
    await engine.train({ wordsPerStep: settings.wordsPerStep });
    const progress = await finished;
    return {
      flavour, instructionSet: info.instructionSet, rawWords: corpus.rawWords, vocab: corpus.vocab,
      words: progress.wordsDone, seconds: progress.seconds, wordsPerSecond: progress.wordsPerSecond,
      wallSeconds: (performance.now() - start) / 1000, loss: progress.averageLoss,
    };
  } finally {
    worker.terminate();
  }
}

async function main() {
  const settings = {
    lines: number('lines', 40000, 1, 10000000),
    dim: number('dim', 50, 1, 1000),
    epochs: number('epochs', 1, 1, 100),
    rounds: number('rounds', 2, 1, 20),
    wordsPerStep: number('wordsPerStep', 20000, 100, 10000000),
    flavours: (params.get('flavours') ?? 'simd,scalar').split(','),
  };
  for (const flavour of settings.flavours) {
    if (flavour !== 'simd' && flavour !== 'scalar') throw new Error(`unknown engine flavour '${flavour}' (simd or scalar)`);
  }
  show('Fetching the corpus…');
  const response = await fetch(new URL('../../build/corpus/default.txt', import.meta.url));
  if (!response.ok) throw new Error(`build/corpus/default.txt: HTTP ${response.status} (run scripts/make-corpus.sh default)`);
  const all = await response.text();
  // A fixed slice: the first `lines` lines, so every run trains the same words.
  let end = 0;
  for (let line = 0; line < settings.lines; line++) {
    const newline = all.indexOf('\n', end);
    if (newline < 0) {
      end = all.length;
      break;
    }
    end = newline + 1;
  }
  const text = all.slice(0, end);
  settings.bytes = text.length;
  report.settings = settings;
  // Alternating flavours, so that a change of load on a shared machine touches both alike.
  for (let round = 1; round <= settings.rounds; round++) {
    for (const flavour of settings.flavours) {
      show(`Training with the ${flavour} engine, round ${round} of ${settings.rounds}…`);
      const run = { ...(await trainOnce(flavour, text, settings)), round };
      report.runs.push(run);
      addRow(run);
      if (!report.best[flavour] || run.wordsPerSecond > report.best[flavour].wordsPerSecond) report.best[flavour] = run;
    }
  }
  const { simd, scalar } = report.best;
  report.ratio = simd && scalar ? simd.wordsPerSecond / scalar.wordsPerSecond : null;
  show(report.ratio ? `Done: SIMD trains ${report.ratio.toFixed(2)}× as fast as scalar (best round of each).` : 'Done.');
  report.done = true;
}

main().catch((error) => {
  report.error = String(error?.message ?? error);
  report.done = true;
  show(`Failed: ${report.error}`);
});
