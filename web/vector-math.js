// Small vector arithmetic the page does on vectors the engine already returned (a pooled
// sentence, a check's answer): never a query over the vocabulary, which is the engine's.

/** Cosine of two equal-length arrays; NaN when either is all zeros. */
export const cosine = (a, b) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : NaN;
};
