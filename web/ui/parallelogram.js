// Where to draw an analogy: the plane through the unit vectors of a, b and c. In that plane
// b − a + c is exactly the fourth corner of a parallelogram, so the picture is true to the
// arithmetic; the answer word d is projected onto it, and how far it lies off the plane is
// reported rather than hidden. (Drawing only: the engine computes the analogy itself.)

const dot = (x, y) => {
  let sum = 0;
  for (let i = 0; i < x.length; i += 1) sum += x[i] * y[i];
  return sum;
};
const unit = (v) => {
  const n = Math.sqrt(dot(v, v)) || 1;
  return Float64Array.from(v, (x) => x / n);
};
const minus = (x, y) => Float64Array.from(x, (v, i) => v - y[i]);

/**
 * @returns {{ a, b, c, target, d: [number, number], offPlane: number }} 2-D coordinates with a
 *   at the origin and b − a along the first axis; offPlane is the distance of d from the plane
 */
export function parallelogramPlane(va, vb, vc, vd) {
  const [a, b, c, d] = [va, vb, vc, vd].map(unit);
  const target = Float64Array.from(b, (x, i) => x - a[i] + c[i]);
  const u = unit(minus(b, a));
  const ca = minus(c, a);
  const along = dot(ca, u);
  let w = Float64Array.from(ca, (x, i) => x - along * u[i]);
  const wNorm = Math.sqrt(dot(w, w));
  // c − a parallel to b − a (a degenerate analogy): any perpendicular direction will do.
  if (wNorm < 1e-9) {
    w = new Float64Array(u.length);
    w[u[0] === 0 ? 0 : 1] = 1;
    const back = dot(w, u);
    w = unit(Float64Array.from(w, (x, i) => x - back * u[i]));
  } else {
    w = Float64Array.from(w, (x) => x / wNorm);
  }
  const place = (p) => {
    const rel = minus(p, a);
    return [dot(rel, u), dot(rel, w)];
  };
  const dRel = minus(d, a);
  const [dx, dy] = place(d);
  const offPlane = Math.sqrt(Math.max(0, dot(dRel, dRel) - dx * dx - dy * dy));
  return { a: [0, 0], b: place(b), c: place(c), target: place(target), d: [dx, dy], offPlane };
}
