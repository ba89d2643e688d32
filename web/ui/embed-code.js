// "Copy embed code": an <iframe> snippet for the lesson with the current settings, for course
// pages. The snippet also resizes the frame from the height the embedded page posts.
import { h, uid } from './dom.js';

/** The embed page's address for a lesson and its settings. */
export function embedUrl(lessonId, query, base = location.href) {
  const search = new URLSearchParams(query);
  search.delete('lesson');
  const url = new URL('embed.html', base);
  url.search = `lesson=${encodeURIComponent(lessonId)}${search.size ? `&${search}` : ''}`;
  return url.href;
}

export function embedSnippet(url, title) {
  const safeTitle = title.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]);
  const safeUrl = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return (
    `<iframe src="${safeUrl}" title="${safeTitle}" width="100%" height="1300" ` +
    `style="border:0;max-width:100%" loading="lazy"></iframe>\n` +
    '<script>addEventListener("message",function(e){var d=e.data;if(!d||d.type!=="shelf:height")return;' +
    'document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow===e.source)f.style.height=d.height+"px";});});</script>'
  );
}

/**
 * The one-line loader (web/embed-loader.js, the site's /embed.js) for the same lesson and
 * settings: each setting becomes a data-* attribute (checkWords → data-check-words).
 */
export function loaderSnippet(lessonId, query, base = location.href) {
  const attribute = (value) => String(value).replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]);
  const data = [`data-lesson="${attribute(lessonId)}"`];
  for (const [key, value] of new URLSearchParams(query)) {
    if (key === 'lesson') continue;
    data.push(`data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${attribute(value)}"`);
  }
  return `<script src="${attribute(new URL('embed.js', base).href)}" ${data.join(' ')}></script>`;
}

/**
 * @param {{ lessonId: string, title: string, query: () => URLSearchParams,
 *           subscribe: (listener: () => void) => () => void }} options
 */
export function embedCode({ lessonId, title, query, subscribe }) {
  const id = uid('embed');
  const textarea = h('textarea', { id, class: 'embed-snippet', readonly: true, rows: 4, spellcheck: 'false' });
  const loaderId = uid('embed-loader');
  const loader = h('textarea', { id: loaderId, class: 'embed-snippet', readonly: true, rows: 2, spellcheck: 'false' });
  const status = h('span', { class: 'embed-status', role: 'status' });
  const button = h('button', { type: 'button', class: 'secondary', onclick: copy }, 'Copy embed code');
  const details = h(
    'details',
    { class: 'embed-details' },
    h('summary', null, 'Show the embed code'),
    h('p', { class: 'hint' }, 'An <iframe> with this lesson and its current settings, for a course page.'),
    h('label', { for: id }, 'Embed code'),
    textarea,
    h('label', { for: loaderId }, 'One-line loader (for course pages that allow a script from an address but no inline script)'),
    loader,
  );
  const element = h('div', { class: 'embed-code' }, h('div', { class: 'row' }, button, status), details);

  function refresh() {
    textarea.value = embedSnippet(embedUrl(lessonId, query()), `Shelf: ${title}`);
    loader.value = loaderSnippet(lessonId, query());
  }

  async function copy() {
    refresh();
    details.open = true;
    try {
      await navigator.clipboard.writeText(textarea.value);
      status.textContent = 'Copied.';
    } catch {
      textarea.select();
      status.textContent = 'Select the code above and copy it (the browser did not allow copying).';
    }
  }

  refresh();
  const unsubscribe = subscribe(refresh);
  return { element, button, textarea, destroy: unsubscribe };
}
