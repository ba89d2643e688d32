// The figures behind the lessons' claims, for one or more snapshots, as a Markdown report.
//
//   node bench/claims.mjs [--eval-dir DIR] "LABEL=vectors.bin" ...
//
// Every figure comes from the native `shelf` CLI (build/native/shelf): `analogy`, `neighbors`,
// `categories` and `eval`. Run through bench/claims.sh, which also makes the comparison snapshot.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shelf = path.join(repo, 'build/native/shelf');
const args = process.argv.slice(2);
let evalDir = path.join(repo, '..', 'shared', 'data', 'eval');
const snapshots = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--eval-dir') evalDir = args[++i];
  else if (args[i].includes('=')) {
    const at = args[i].lastIndexOf('=');
    snapshots.push({ label: args[i].slice(0, at), file: args[i].slice(at + 1) });
  } else {
    console.error(`claims.mjs: expected LABEL=FILE or --eval-dir DIR, not '${args[i]}'`);
    process.exit(2);
  }
}
if (!snapshots.length) {
  console.error('usage: node bench/claims.mjs [--eval-dir DIR] "LABEL=vectors.bin" ...');
  process.exit(2);
}

const run = (...command) => JSON.parse(execFileSync(shelf, [...command, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 }));

/** web/data/categories.json as `shelf categories` reads it: "name: word word ...". */
export function categoriesText(json) {
  return json.categories.map((c) => `${c.id}: ${c.words.join(' ')}`).join('\n') + '\n';
}

const scratch = mkdtempSync(path.join(tmpdir(), 'shelf-claims-'));
const categories = JSON.parse(readFileSync(path.join(repo, 'web/data/categories.json'), 'utf8'));
const categoriesFile = path.join(scratch, 'categories.txt');
writeFileSync(categoriesFile, categoriesText(categories));

function measure(file) {
  const analogy = run('analogy', '--vectors', file, 'man', 'king', 'woman', '--answer', 'queen');
  const kingNeighbors = run('neighbors', '--vectors', file, 'king', '-k', '100000').neighbors;
  const queenNeighbors = run('neighbors', '--vectors', file, 'queen', '-k', '100000').neighbors;
  const queenRank = kingNeighbors.findIndex((n) => n.word === 'queen') + 1;
  const kingRank = queenNeighbors.findIndex((n) => n.word === 'king') + 1;
  const others = kingNeighbors.length; // the vocabulary less "king" itself
  const clusters = run('categories', '--vectors', file, '--categories', categoriesFile, '-k', '4', '--seeds', '10');
  const evaluation = run('eval', '--vectors', file, '--analogies', path.join(evalDir, 'questions-words.txt'),
    '--similarity', path.join(evalDir, 'wordsim353.tsv'), '--restrict', '30000');
  return {
    vocab: evaluation.vocab,
    queenAnalogyRank: analogy.rank,
    cosine: kingNeighbors[queenRank - 1].score,
    queenRank,
    kingRank,
    fartherShare: (others - queenRank) / others,
    kingTop: kingNeighbors.slice(0, 5).map((n) => n.word),
    ari: clusters.median_ari,
    minAri: clusters.min_ari,
    purity: clusters.median_purity,
    clusteredWords: clusters.words,
    analogyAccuracy: evaluation.analogy_accuracy,
    analogySeen: evaluation.analogy_seen,
    analogySkipped: evaluation.analogy_skipped,
    spearman: evaluation.spearman,
  };
}

try {
  const results = snapshots.map((s) => ({ ...s, ...measure(s.file) }));
  const f = (x, digits = 3) => x.toFixed(digits);
  const rows = [
    ['king − man + woman: rank of “queen” (3CosAdd, inputs left out)', (r) => `${r.queenAnalogyRank}`, '1'],
    ['cos(king, queen)', (r) => f(r.cosine)],
    ['“queen” among “king”’s nearest words', (r) => `#${r.queenRank} of ${r.vocab - 1}`],
    ['share of the vocabulary farther from “king” than “queen”', (r) => `${f(100 * r.fartherShare, 1)}%`],
    ['“king” among “queen”’s nearest words', (r) => `#${r.kingRank}`],
    ['“king”’s five nearest words', (r) => r.kingTop.join(', ')],
    [`seed categories alone, k = 4: median adjusted Rand index over seeds 1–10 (lowest)`, (r) => `${f(r.ari)} (${f(r.minAri)})`, '≥ 0.8'],
    ['seed categories: median purity', (r) => f(r.purity)],
    ['Google analogies, 30,000 most frequent words: accuracy (questions answered)', (r) => `${f(r.analogyAccuracy)} (${r.analogySeen})`, '≥ 0.2'],
    ['WS-353 Spearman', (r) => f(r.spearman)],
  ];
  const lines = [
    '# Lesson claims on the snapshots (bench/claims.sh)',
    '',
    `Categories: web/data/categories.json (${results[0].clusteredWords} words in ${categories.categories.length} lists); evaluation sets: ${evalDir}.`,
    '',
    `| figure | ${results.map((r) => `${r.label} (\`${r.file}\`)`).join(' | ')} | target |`,
    `|---|${results.map(() => '---').join('|')}|---|`,
    ...rows.map(([name, value, target = '']) => `| ${name} | ${results.map(value).join(' | ')} | ${target} |`),
  ];
  console.log(lines.join('\n'));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
