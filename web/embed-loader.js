// The one-line loader for course pages that allow an external script but no inline script:
//
//   <script src="https://example.org/shelf/embed.js" data-lesson="analogy" data-near="spain"></script>
//
// It puts an <iframe> of embed.html right after itself, with the lesson and every other data-*
// attribute as the link's settings (data-check-words="…" becomes checkWords=…), and resizes the
// frame whenever the lesson posts its height. data-title and data-height (the height before the
// first message, default 1300) are for the frame itself. The build copies this file unchanged to
// the site's root as embed.js, a stable address (no content hash), so course pages can rely on it.
// A plain script, not a module: it must run where a course page puts it.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var site = new URL('.', script.src);
  var data = script.dataset;
  var FRAME_ONLY = { lesson: true, title: true, height: true };
  var params = new URLSearchParams();
  params.set('lesson', data.lesson || 'embedding');
  Object.keys(data).forEach(function (key) {
    if (!FRAME_ONLY[key]) params.set(key, data[key]);
  });

  var frame = document.createElement('iframe');
  frame.src = new URL('embed.html?' + params.toString(), site).href;
  frame.title = data.title || 'Shelf lesson: ' + params.get('lesson');
  frame.setAttribute('loading', 'lazy');
  frame.setAttribute('width', '100%');
  frame.setAttribute('height', /^\d{2,5}$/.test(data.height || '') ? data.height : '1300');
  frame.style.border = '0';
  frame.style.width = '100%';
  frame.style.maxWidth = '100%';
  frame.style.display = 'block';
  frame.className = 'shelf-lesson';
  script.parentNode.insertBefore(frame, script.nextSibling);

  window.addEventListener('message', function (event) {
    if (event.source !== frame.contentWindow || event.origin !== site.origin) return;
    var message = event.data;
    if (!message || message.type !== 'shelf:height') return;
    var height = Number(message.height);
    if (height > 0 && height < 100000) frame.style.height = Math.ceil(height) + 'px';
  });
})();
