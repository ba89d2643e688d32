// Every example the page, its hints and the docs suggest works on the built snapshot as claimed:
// one test per line of examples.txt (its format is described at the top of that file). Runs the
// native `shelf` CLI (the same C++ engine the page runs as WebAssembly) on the snapshot the site
// ships (the file its manifest names, build/site/data/default.q8; SHELF_SNAPSHOT to check another), so it needs
// scripts/build-site.sh first; scripts/test.sh runs it as the `examples` suite after `site`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const shelf = path.join(repo, 'build/native/shelf');
const siteData = path.join(repo, 'build/site/data');
const shippedSnapshot = () => {
  const manifest = path.join(siteData, 'manifest.json');
  return path.join(siteData, existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).snapshot.file : 'default.q8');
};
const snapshot = process.env.SHELF_SNAPSHOT ?? shippedSnapshot();
const documents = path.join(repo, 'web/data/documents.txt');
const scratch = mkdtempSync(path.join(tmpdir(), 'shelf-examples-'));

for (const [file, what] of [[shelf, 'scripts/build.sh native'], [snapshot, 'scripts/build-site.sh']]) {
  if (!existsSync(file)) throw new Error(`${file} is missing: run ${what} first`);
}

const run = (...args) => JSON.parse(execFileSync(shelf, [...args, '--vectors', snapshot, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
const words = (text) => text.trim().split(/\s+/).filter(Boolean);
const fail = (message) => {
  throw new assert.AssertionError({ message });
};

/** "answer <= N" or "w1 w2 <= N": the words and the bound. */
function withinRank(claim) {
  const match = /^(.+?)\s*<=\s*(\d+)$/.exec(claim);
  if (!match) fail(`expected "WORD ... <= N", not "${claim}"`);
  return { targets: words(match[1]), bound: Number(match[2]) };
}

const kinds = {
  analogy: (input, claim, method = 'add') => {
    const [a, b, c, ...rest] = words(input);
    if (!c || rest.length) fail(`an analogy needs three words a b c, not "${input}"`);
    const { targets: [answer], bound } = withinRank(claim);
    const result = run('analogy', a, b, c, '--answer', answer, '--method', method, '-k', '5');
    assert.ok(result.rank <= bound,
      `${b} − ${a} + ${c}: “${answer}” ranks ${result.rank}, claimed ${bound} or better (best: ${result.answers.map((n) => n.word).join(', ')})`);
  },
  'analogy-mul': (input, claim) => kinds.analogy(input, claim, 'mul'),
  neighbors: (input, claim) => {
    const [word] = words(input);
    const { targets, bound } = withinRank(claim);
    const found = run('neighbors', word, '-k', String(bound)).neighbors.map((n) => n.word);
    const missing = targets.filter((t) => !found.includes(t));
    assert.deepEqual(missing, [], `not among the ${bound} nearest words of “${word}”: ${missing.join(', ')} (they are: ${found.slice(0, 12).join(', ')}…)`);
  },
  similarity: (input, claim) => {
    const [a, b] = words(input);
    const match = /^(>=|<)\s*(-?[\d.]+)$/.exec(claim);
    if (!match) fail(`expected ">= x" or "< x", not "${claim}"`);
    const neighbors = run('neighbors', a, '-k', '100000').neighbors;
    const found = neighbors.find((n) => n.word === b);
    if (!found) fail(`“${b}” is not in the vocabulary`);
    const bound = Number(match[2]);
    const holds = match[1] === '>=' ? found.score >= bound : found.score < bound;
    assert.ok(holds, `cos(${a}, ${b}) = ${found.score.toFixed(4)}, claimed ${claim}`);
  },
  known: (input, claim) => {
    if (claim !== 'known') fail(`expected "known", not "${claim}"`);
    const unknown = [];
    for (const word of words(input)) {
      try {
        execFileSync(shelf, ['neighbors', '--vectors', snapshot, word, '-k', '1'], { stdio: 'pipe' });
      } catch {
        unknown.push(word);
      }
    }
    assert.deepEqual(unknown, [], `not in the vocabulary: ${unknown.join(', ')}`);
  },
  categories: (input, claim) => {
    const match = /^ari\s*>=\s*([\d.]+)$/.exec(claim);
    if (!match) fail(`expected "ari >= x", not "${claim}"`);
    const json = JSON.parse(readFileSync(path.join(repo, input.trim()), 'utf8'));
    const lists = path.join(scratch, 'categories.txt');
    writeFileSync(lists, json.categories.map((c) => `${c.id}: ${c.words.join(' ')}`).join('\n') + '\n');
    const result = run('categories', '--categories', lists, '--seeds', '10');
    assert.ok(result.median_ari >= Number(match[1]),
      `median adjusted Rand index ${result.median_ari.toFixed(3)} over 10 seeds, claimed ${claim} (runs: ${result.runs.map((r) => r.ari.toFixed(2)).join(' ')})`);
  },
  directions: (input, claim) => {
    const axes = /^x\s+(\S+)\s+y\s+(\S+)$/.exec(input.trim());
    if (!axes) fail(`expected "x a:b,c:d y a:b,c:d", not "${input}"`);
    const parts = claim.split(';');
    const angle = parts.map((part) => /^\s*abs-cos\s*<\s*([\d.]+)\s*$/.exec(part)).find(Boolean);
    const orders = parts.filter((part) => !/abs-cos/.test(part)).map((part) => {
      const order = /^\s*([xy])\s+(.+?)\s*<\s*(.+?)\s*$/.exec(part);
      if (!order) fail(`expected "x w1 w2 < w3 w4", not "${part}"`);
      return { axis: order[1], low: words(order[2]), high: words(order[3]) };
    });
    const all = [...new Set(orders.flatMap((o) => [...o.low, ...o.high]))];
    const plot = run('directions', '--x', axes[1], '--y', axes[2], ...(all.length ? all : ['the']));
    assert.deepEqual(plot.unknown, [], 'every word of the claim is known');
    if (angle) {
      assert.ok(Math.abs(plot.axes_cosine) < Number(angle[1]), `the two directions: cosine ${plot.axes_cosine.toFixed(3)}, claimed abs-cos < ${angle[1]}`);
    }
    for (const { axis, low, high } of orders) {
      const at = (w) => plot[axis][plot.words.indexOf(w)];
      const highest = Math.max(...low.map(at));
      const lowest = Math.min(...high.map(at));
      const positions = [...low, ...high].map((w) => `${w} ${at(w).toFixed(3)}`).join(', ');
      assert.ok(highest < lowest, `on the ${axis} axis, ${low.join(' ')} should all lie below ${high.join(' ')}: ${positions}`);
    }
  },
  search: (input, claim, pooling) => {
    const { bound } = withinRank(claim);
    const title = claim.replace(/\s*<=\s*\d+$/, '');
    const hits = JSON.parse(execFileSync(shelf, ['search', '--vectors', snapshot, '--docs', documents, '--pooling', pooling, '-k', String(bound), '--json', input.trim()], { encoding: 'utf8' })).hits;
    assert.ok(hits.some((hit) => hit.text.startsWith(title)),
      `“${input.trim()}” (${pooling}): “${title}” is not in the first ${bound} (${hits.map((hit) => hit.text.slice(0, 30)).join(' | ')})`);
  },
  'search-mean': (input, claim) => kinds.search(input, claim, 'mean'),
  'search-sif': (input, claim) => kinds.search(input, claim, 'sif'),
};

const lines = readFileSync(path.join(here, 'examples.txt'), 'utf8').split('\n');
let count = 0;
lines.forEach((line, index) => {
  if (!line.trim() || line.startsWith('#')) return;
  count += 1;
  const fields = line.split('|').map((field) => field.trim());
  const [kind, input, claim, where] = fields;
  test(`examples.txt:${index + 1} ${kind} ${input} → ${claim} (${where ?? '?'})`, () => {
    if (fields.length !== 4 || fields.some((field) => !field)) fail('expected KIND | INPUT | CLAIM | WHERE, all four given');
    if (!kinds[kind]) fail(`unknown kind "${kind}" (known: ${Object.keys(kinds).join(', ')})`);
    kinds[kind](input, claim);
  });
});

test('examples.txt lists examples', () => assert.ok(count >= 10, `${count} examples`));
