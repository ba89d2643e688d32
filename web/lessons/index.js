// The lessons, in the order the page teaches them. A lesson is a module web/lessons/<id>.js
// exporting { id, title, summary?, params?, settings?, mount(container, context) → { unmount() } }
// (as named exports or a default object). Ids listed here whose module does not exist yet are
// simply not shown, so a lesson appears by adding its file.
//
//   params:   the lesson's own URL settings (see state.js), e.g. { k: intParam(8, 2, 30) }
//   settings: app settings the lesson depends on (e.g. the training keys), for its embed link
export const LESSON_ORDER = ['embedding', 'shelves', 'analogy', 'directions', 'clusters', 'positions', 'retrieval'];

const modules = import.meta.glob(['./*.js', '!./index.js'], { eager: true });

function asLesson(module) {
  const lesson = module.default ?? module;
  return lesson && typeof lesson.mount === 'function' && lesson.id ? lesson : null;
}

/** The lessons whose modules exist, in teaching order. */
export const lessons = LESSON_ORDER.map((id) => asLesson(modules[`./${id}.js`] ?? {})).filter(Boolean);

export function findLesson(id) {
  return lessons.find((lesson) => lesson.id === id) ?? null;
}
