// The site's Content-Security-Policy, in one place: the Vite build writes it into index.html and
// embed.html as a <meta http-equiv>, and scripts/static-server.mjs (scripts/serve.sh, the browser
// tests) sends it as a header, which is what governs the engine's worker and the service worker
// (a worker takes its policy from its own response, never from a <meta> of the page).
// docs/security.md explains each directive.

/** Directive → sources. Nothing but the page's own origin; no inline script; no JS eval. */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  // 'wasm-unsafe-eval' lets WebAssembly.compile/instantiate run the engine; it does not allow
  // eval(), new Function() or string timers (those need 'unsafe-eval', which is not given).
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  // data: for the empty favicon (`<link rel="icon" href="data:,">`): no request leaves the page.
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

/** Directives a <meta> policy cannot carry; none are used, listed so nobody adds one there. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']);

export function contentSecurityPolicy({ forMeta = false } = {}) {
  return Object.entries(CSP_DIRECTIVES)
    .filter(([name]) => !(forMeta && HEADER_ONLY.has(name)))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Headers every response of the site carries. */
export function securityHeaders() {
  return {
    'content-security-policy': contentSecurityPolicy(),
    'x-content-type-options': 'nosniff',
  };
}
