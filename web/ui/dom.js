// Building DOM without HTML strings: every piece of text becomes a text node, so words from a
// user's file can never turn into markup.
//
//   h('label', { for: 'word' }, 'Word ', h('input', { id: 'word', value: 'king' }))
//   h('button', { type: 'button', onclick: play }, 'Play')

/**
 * @param {string} tag
 * @param {object|null} [attributes] `class`, `for`, `style` (object), `dataset` (object),
 *   `on<event>` listeners, boolean attributes as true/false, properties like `value`
 * @param {...(Node|string|number|null|undefined|false|Array)} children
 */
export function h(tag, attributes = null, ...children) {
  const element = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'style' && typeof value === 'object') {
      Object.assign(element.style, value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'value' || name === 'checked' || name === 'selected') {
      element[name] = value;
    } else {
      element.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children (text stays text). */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

let counter = 0;
/** A page-unique id for label/aria wiring. */
export function uid(prefix = 'shelf') {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Formats numbers the same way everywhere. */
export const format = {
  int: (n) => Math.round(n).toLocaleString('en-US'),
  score: (x) => (Number.isFinite(x) ? x.toFixed(3) : '–'),
  loss: (x) => (Number.isFinite(x) ? x.toFixed(4) : '–'),
  compact: (n) =>
    n >= 1e6 ? `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(n >= 1e4 ? 0 : 1)}k` : String(Math.round(n)),
};

/** True when the user asked for less motion. */
export function prefersReducedMotion() {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * Wraps `fn` so that calls are coalesced: it runs in an animation frame, at most once every
 * `interval` ms, with the latest arguments. Keeps fast event streams (training progress) from
 * redrawing the page more often than anyone can see.
 */
export function throttled(fn, interval = 200) {
  let last = -Infinity;
  let args = null;
  let timer = 0;
  let frame = 0;
  const run = () => {
    frame = 0;
    timer = 0;
    last = performance.now();
    const current = args;
    args = null;
    fn(...current);
  };
  const call = (...next) => {
    args = next;
    if (frame || timer) return;
    const wait = interval - (performance.now() - last);
    if (wait <= 0) frame = requestAnimationFrame(run);
    else timer = setTimeout(() => {
      timer = 0;
      frame = requestAnimationFrame(run);
    }, wait);
  };
  call.cancel = () => {
    clearTimeout(timer);
    cancelAnimationFrame(frame);
    timer = 0;
    frame = 0;
  };
  return call;
}
