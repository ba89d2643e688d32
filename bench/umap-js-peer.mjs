// The peer the engine's UMAP (src/shelf/umap.h) is measured against in projection-bench.mjs:
// umap-js (PAIR-code) laying out the same neighbour graph the engine lays out. umap-js gets the
// graph through setPrecomputedKNN, so it never sees the vectors, and a seeded generator, so its
// runs repeat. This was the worker's UMAP before the engine had its own.

import { UMAP } from 'umap-js';

/** umap-js starts points uniformly in ±10; a given start is scaled to the same spread. */
const START_SPREAD = 10;

/** A seeded generator of uniform numbers in [0, 1) (mulberry32: small, fast, well mixed). */
export function seededRandom(seed) {
  let state = (seed >>> 0) ^ 0x9e3779b9;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * umap-js's neighbour lists from a neighbour graph (see engine.d.ts): each point first (at
 * distance 0, as UMAP's own search returns it), then its k neighbours at cosine distance 1 − cos.
 */
export function knnOf(graph) {
  const n = graph.words.length;
  const { k } = graph;
  const indices = new Array(n);
  const distances = new Array(n);
  for (let i = 0; i < n; i += 1) {
    const row = [i];
    const far = [0];
    for (let j = 0; j < k; j += 1) {
      row.push(graph.neighbors[i * k + j]);
      far.push(Math.max(0, 1 - graph.scores[i * k + j]));
    }
    indices[i] = row;
    distances[i] = far;
  }
  return { indices, distances };
}

/**
 * A umap-js run over `graph` (a `neighborGraph` reply), ready to step. `step()` runs one epoch and
 * returns true once every epoch has run; `points()` is the layout, n x 2 row-major.
 * @param {{ minDist: number, epochs: number, learningRate: number, seed: number, initial?: ArrayLike<number> }} options
 *   initial: where the points start (n x 2; centred and scaled to UMAP's usual spread)
 */
export function startUmap(graph, { minDist, epochs, learningRate, seed, initial }) {
  const n = graph.words.length;
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: graph.k + 1, // the point itself counts, as in knnOf
    minDist,
    nEpochs: epochs,
    learningRate,
    random: seededRandom(seed),
  });
  const { indices, distances } = knnOf(graph);
  umap.setPrecomputedKNN(indices, distances);
  // With the neighbours given, umap-js reads only the number of rows of its input.
  umap.initializeFit(Array.from({ length: n }, () => [0]));
  if (initial) startFrom(umap.getEmbedding(), initial);
  let epoch = 0;
  return {
    step() {
      if (epoch < epochs) epoch = umap.step();
      return epoch >= epochs;
    },
    points() {
      const embedding = umap.getEmbedding();
      const points = new Float32Array(2 * n);
      for (let i = 0; i < n; i += 1) {
        points[2 * i] = embedding[i][0];
        points[2 * i + 1] = embedding[i][1];
      }
      return points;
    },
  };
}

/** Moves umap-js's starting points (its own arrays, which the optimiser works on) onto `initial`. */
function startFrom(embedding, initial) {
  const n = embedding.length;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i += 1) {
    cx += initial[2 * i] / n;
    cy += initial[2 * i + 1] / n;
  }
  let spread = 0;
  for (let i = 0; i < 2 * n; i += 1) spread = Math.max(spread, Math.abs(initial[i] - (i % 2 ? cy : cx)));
  const scale = spread > 0 ? START_SPREAD / spread : 1;
  for (let i = 0; i < n; i += 1) {
    embedding[i][0] = (initial[2 * i] - cx) * scale;
    embedding[i][1] = (initial[2 * i + 1] - cy) * scale;
  }
}
