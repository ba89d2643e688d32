// Registers the offline cache (web/sw.js, made into build/site/sw.js by the build) once the page
// has shown its first lesson, so that installing it (which fetches the whole site) never competes
// with the page's own first loads. Only in the built site: the development server has no sw.js.
// A browser that refuses service workers (a private window, a frame whose storage is blocked)
// simply goes without: the page works online as before.

/** Registers the worker; resolves to 'registered', 'unsupported' or 'refused'. */
export async function enableOffline() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return mark('unsupported');
  try {
    // Relative to the page: the worker's scope is the site's folder, wherever it is hosted.
    await navigator.serviceWorker.register('./sw.js');
    return mark('registered');
  } catch {
    return mark('refused');
  }
}

function mark(state) {
  document.body.dataset.offline = state;
  return state;
}
