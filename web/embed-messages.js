// What an embedded lesson (embed.html in an <iframe>) says to the page around it, and the one
// command it takes from that page. The shapes are declared here and in docs/embedding.md; a
// message of any other shape is ignored, counted and logged, never acted on.
//
// Posted to the parent (any origin: course pages live anywhere, and nothing private is sent):
//   { type: 'shelf:height', height }              the page's height in CSS pixels, on every change
//   { type: 'shelf:lesson', lesson, settings }    when the lesson shows and after its settings
//                                                 change; settings: { key: text } of the URL keys
//                                                 that differ from their defaults
// Posted too, for hosts that listen for their own resize conventions (docs/embedding.md):
//   '{"subject":"lti.frameResize","height":h}'    Canvas (any iframe in a page), Sakai/Tsugi and
//                                                 Moodle's LTI message-handler plugin; as JSON text,
//                                                 which all of them read (Canvas reads objects too)
//   { context: 'h5p', action: 'hello' | 'prepareResize' | 'resize', ... }   H5P's h5p-resizer.js
//                                                 (Moodle, WordPress, Drupal pages with H5P), after
//                                                 its handshake
// Their replies ({ subject: 'lti.….response' }, { context: 'h5p', action }) are read quietly.
// Accepted from the parent window only (origin-agnostic, so checked by shape):
//   { type: 'shelf:set', settings: { key: value } }   sets the lesson's own URL settings, as if
//                                                 they were in its link; value: string, finite
//                                                 number or boolean, read like the URL's text

export const MESSAGE = Object.freeze({ height: 'shelf:height', lesson: 'shelf:lesson', set: 'shelf:set' });

/** More keys than any lesson has: a longer `settings` object is not a real command. */
const MAX_SETTINGS = 32;

const isPlainObject = (value) => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** A setting's value as the text the URL would carry, or undefined for a wrong type. */
function asText(value) {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return undefined;
}

/**
 * Checks a message against the `shelf:set` shape.
 * @param {unknown} data the message's data
 * @param {(key: string) => ({ parse: (text: string) => unknown } | null)} settingOf the URL
 *   setting a key names in this lesson, or null when the lesson has no such key
 * @returns {{ ok: true, patch: object } | { ok: false, reason: string }}
 */
export function readCommand(data, settingOf) {
  if (!isPlainObject(data)) return { ok: false, reason: 'not an object' };
  if (data.type !== MESSAGE.set) return { ok: false, reason: `unknown type ${JSON.stringify(String(data.type)).slice(0, 60)}` };
  const extra = Object.keys(data).filter((key) => key !== 'type' && key !== 'settings');
  if (extra.length) return { ok: false, reason: `unexpected field ${JSON.stringify(extra[0].slice(0, 40))}` };
  if (!isPlainObject(data.settings)) return { ok: false, reason: 'settings is not an object' };
  const entries = Object.entries(data.settings);
  if (!entries.length || entries.length > MAX_SETTINGS) return { ok: false, reason: `settings has ${entries.length} keys` };
  const patch = {};
  for (const [key, value] of entries) {
    const setting = settingOf(key);
    if (!setting) return { ok: false, reason: `unknown setting ${JSON.stringify(key.slice(0, 40))}` };
    const text = asText(value);
    const parsed = text === undefined ? undefined : setting.parse(text);
    if (parsed === undefined) return { ok: false, reason: `bad value for ${key}` };
    patch[key] = parsed;
  }
  return { ok: true, patch };
}

/** A host's reply to one of the resize conventions (Canvas's `.response`, H5P's handshake). */
export function readHostReply(data) {
  let value = data;
  if (typeof value === 'string' && value.startsWith('{') && value.length < 10000) {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (!isPlainObject(value)) return null;
  if (value.context === 'h5p' && typeof value.action === 'string') return { host: 'h5p', action: value.action };
  if (typeof value.subject === 'string' && value.subject.startsWith('lti.')) return { host: 'lti', action: value.subject };
  return null;
}

/** The resize messages of every convention, for one height. */
export function resizeMessages(height) {
  return {
    shelf: { type: MESSAGE.height, height },
    lti: JSON.stringify({ subject: 'lti.frameResize', height }),
    h5pPrepare: { context: 'h5p', action: 'prepareResize', scrollHeight: height, clientHeight: height },
    h5pResize: { context: 'h5p', action: 'resize', scrollHeight: height },
  };
}

/**
 * Connects an embedded lesson to its parent page: posts its height and lesson events, and
 * applies valid `shelf:set` commands to the store. Does nothing outside a frame.
 * @param {{ store, lessonKeys: () => string[], lessonId: () => string|null }} options
 *   lessonKeys: the URL keys of the lesson on show (not `lesson` itself); lessonId: the lesson
 *   on show, or null until it is
 * @returns {{ lessonShown: () => void, rejected: () => number }}
 */
export function connectToParent({ store, lessonKeys, lessonId }) {
  const parent = window.parent;
  let rejected = 0;
  if (!parent || parent === window) return { lessonShown() {}, rejected: () => rejected };
  const post = (message) => parent.postMessage(message, '*');

  let lastHeight = 0;
  let h5pHost = false; // an H5P resizer answered our hello
  const sendHeight = (force = false) => {
    const body = document.body;
    const style = getComputedStyle(body);
    const height = Math.ceil(body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom));
    if (height === lastHeight && !force) return;
    lastHeight = height;
    const messages = resizeMessages(height);
    post(messages.shelf);
    post(messages.lti);
    if (h5pHost) post(messages.h5pPrepare);
  };
  new ResizeObserver(() => sendHeight()).observe(document.body);
  post({ context: 'h5p', action: 'hello' });
  sendHeight();
  const answerHost = ({ host, action }) => {
    if (host !== 'h5p') return;
    if (action === 'hello') {
      h5pHost = true;
      sendHeight(true);
    } else if (action === 'resizePrepared') {
      post(resizeMessages(lastHeight).h5pResize);
    } else if (action === 'resize') {
      sendHeight(true); // the host's window changed size
    }
  };

  const settings = () => Object.fromEntries(store.query({ only: lessonKeys() }));
  const sendLesson = () => {
    const lesson = lessonId();
    if (lesson) post({ type: MESSAGE.lesson, lesson, settings: settings() });
  };
  let timer = 0;
  store.subscribe((state, changed) => {
    if (![...changed].some((key) => lessonKeys().includes(key))) return;
    clearTimeout(timer);
    timer = setTimeout(sendLesson, 150);
  });

  window.addEventListener('message', (event) => {
    if (event.source !== parent) return; // the lesson's own frames and other windows are not its parent
    const reply = readHostReply(event.data);
    if (reply) {
      answerHost(reply);
      return;
    }
    const allowed = new Set(lessonKeys());
    const command = readCommand(event.data, (key) => (allowed.has(key) ? store.spec(key) : null));
    if (!command.ok) {
      rejected += 1;
      document.body.dataset.rejectedMessages = String(rejected);
      console.warn(`Shelf: ignored a message from the page around this lesson (${command.reason}); see docs/embedding.md`);
      return;
    }
    store.set(command.patch);
  });

  return { lessonShown: sendLesson, rejected: () => rejected };
}
