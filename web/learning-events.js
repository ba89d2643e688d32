// Learning events for the course around an embedded lesson: when its link asks for them
// (`xapi=1`; off by default), the lesson posts its parent one message per meaningful act, shaped
// as an xAPI statement without an actor (the LMS wrapper knows who is logged in and adds one):
//
//   { type: 'shelf:statement', statement: { verb: { id, display }, object: { id, objectType,
//     definition: { name, type } }, result?, timestamp } }
//
// Acts: the lesson was opened (experienced), an analogy was solved (interacted; the engine's
// answer in result.response, and result.success when an expected answer was given), a training
// ran to its end (completed), a check-yourself question was answered (answered; success and the
// chosen answer). Without the flag nothing is posted; the page sends nothing anywhere else.
import { boolParam } from './state.js';

export const learningEventParams = { xapi: boolParam(false) };

export const STATEMENT = 'shelf:statement';

const ADL = 'http://adlnet.gov/expapi/verbs/';
export const VERBS = Object.freeze({
  experienced: { id: `${ADL}experienced`, display: { 'en-US': 'experienced' } },
  interacted: { id: `${ADL}interacted`, display: { 'en-US': 'interacted' } },
  completed: { id: `${ADL}completed`, display: { 'en-US': 'completed' } },
  answered: { id: `${ADL}answered`, display: { 'en-US': 'answered' } },
});

/** The lesson as an xAPI activity: its id is the lesson's address in the full playground. */
export function lessonActivity(lesson, base = globalThis.location?.href ?? 'http://localhost/') {
  const url = new URL('index.html', base);
  url.search = `lesson=${encodeURIComponent(lesson.id)}`;
  return {
    objectType: 'Activity',
    id: url.href,
    definition: { name: { 'en-US': lesson.title }, type: 'http://adlnet.gov/expapi/activities/lesson' },
  };
}

/** One statement (no actor, no id: the LMS wrapper adds both). */
export function statement(verb, lesson, result = undefined, now = new Date()) {
  const made = { verb: VERBS[verb], object: lessonActivity(lesson), timestamp: now.toISOString() };
  if (result) made.result = result;
  return made;
}

/** Seconds as an ISO 8601 duration (xAPI result.duration), to hundredths. */
export function isoDuration(seconds) {
  return `PT${Math.round(Math.max(0, seconds) * 100) / 100}S`;
}

/**
 * Posts statements to the parent window when the embed was asked to; otherwise every call is a
 * no-op. Returns { send(verb, result) } bound to the lesson on show.
 * @param {{ store, embedded: boolean, lesson: () => ({ id, title } | null), engine }} options
 */
export function connectLearningEvents({ store, embedded, lesson, engine, target = window.parent }) {
  const enabled = () => embedded && store.get().xapi && target && target !== window;
  const sent = [];
  function send(verb, result) {
    const current = lesson();
    if (!enabled() || !current) return null;
    const made = statement(verb, current, result);
    target.postMessage({ type: STATEMENT, statement: made }, '*');
    sent.push(made);
    document.body.dataset.statementsSent = String(sent.length);
    return made;
  }

  // A training that runs to its end.
  let wasFinished = false;
  let startedAt = 0;
  store.subscribe((state) => {
    const p = state.progress;
    if (!p || state.source?.kind !== 'training') return;
    if (p.running && !startedAt) startedAt = performance.now();
    const finished = Boolean(p.finished);
    if (finished && !wasFinished) {
      const seconds = startedAt ? (performance.now() - startedAt) / 1000 : 0;
      send('completed', {
        completion: true,
        ...(seconds ? { duration: isoDuration(seconds) } : {}),
        response: `trained ${p.epochs} epochs; loss ${Number.isFinite(p.loss) ? p.loss.toFixed(3) : 'n/a'}`,
      });
      startedAt = 0;
    }
    wasFinished = finished;
  }, ['progress']);

  // An analogy the learner set (not the one the lesson opens with): the engine's answer.
  let analogyTimer = 0;
  store.subscribe((state) => {
    if (lesson()?.id !== 'analogy' || !enabled()) return;
    clearTimeout(analogyTimer);
    analogyTimer = setTimeout(async () => {
      const { a, b, c, method, expect } = store.get();
      try {
        const answer = await engine.analogy({ a, b, c, k: 1, method, ...(expect ? { answer: expect } : {}) });
        const top = answer.words[0] ?? '';
        send('interacted', {
          response: `${b} − ${a} + ${c} = ${top}`,
          ...(expect ? { success: answer.rank === 1 } : {}),
        });
      } catch {
        // An unknown or hidden word: the lesson says so; no analogy was solved.
      }
    }, 600);
  }, ['a', 'b', 'c', 'method']);

  return { send, sent: () => sent.slice() };
}
