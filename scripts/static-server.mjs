// A small static file server for the built site (build/site/), sending the site's security
// headers (scripts/site-policy.mjs) with every file. scripts/serve.sh runs it on
// http://127.0.0.1:8000; the browser tests (tests/browser/harness.mjs) start it on a free port.
//
//   node scripts/static-server.mjs [ROOT] [PORT] [HOST]
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { securityHeaders } from './site-policy.mjs';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.q8': 'application/octet-stream',
};

/**
 * The precompressed copy of `file` to send (scripts/precompress.mjs writes them beside the file):
 * brotli, else gzip, when the request accepts it and the copy exists; null for the file itself.
 */
function precompressed(file, acceptEncoding = '') {
  const accepted = new Set(acceptEncoding.split(',').map((part) => part.split(';')[0].trim().toLowerCase()));
  for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
    if (accepted.has(encoding) && existsSync(file + suffix)) return { encoding, path: file + suffix };
  }
  return null;
}

/** Where browsers send reports of Content-Security-Policy violations when `cspReports` is given. */
const CSP_REPORT_PATH = '/csp-report';

/**
 * Serves `root` on `host`:`port` (0: a free port). `extraPages` (path → html) are served as they
 * are, without the site's headers: they stand for other sites' pages (a course page embedding a
 * lesson) in tests. With `cspReports` (an array), the policy also asks browsers to report every
 * violation, from the page and from its workers, and the reports are pushed there. `onResponse`
 * ({ path, status, bytes, encoding }) is called for every file answered, with the body bytes sent
 * (what bench/first-visit.mjs counts).
 * @returns {Promise<{ url: string, close: () => Promise<void>, closeAll: () => void }>}
 */
export async function serveStatic(root, { port = 0, host = '127.0.0.1', extraPages = {}, cspReports = null, onResponse = null } = {}) {
  root = resolve(root);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: run scripts/build-site.sh first`);
  }
  const headers = securityHeaders();
  if (cspReports) headers['content-security-policy'] += `; report-uri ${CSP_REPORT_PATH}`;
  const server = createServer((request, response) => {
    if (cspReports && request.method === 'POST' && request.url === CSP_REPORT_PATH) {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          cspReports.push(JSON.parse(text)['csp-report'] ?? JSON.parse(text));
        } catch {
          cspReports.push({ unreadable: text });
        }
        response.writeHead(204).end();
      });
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    if (path === '/favicon.ico') {
      response.writeHead(204).end(); // pages made by tests have no icon of their own
      return;
    }
    if (Object.hasOwn(extraPages, path)) {
      response.writeHead(200, { 'content-type': MIME['.html'] });
      response.end(extraPages[path]);
      return;
    }
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403, headers).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const stat = statSync(file);
    const lastModified = new Date(Math.floor(stat.mtimeMs / 1000) * 1000);
    const since = Date.parse(request.headers['if-modified-since'] ?? '');
    // Revalidation (the service worker precaches with cache: 'no-cache') costs a 304, not the file.
    if (Number.isFinite(since) && lastModified.getTime() <= since) {
      response.writeHead(304, { ...headers, 'last-modified': lastModified.toUTCString() }).end();
      onResponse?.({ path, status: 304, bytes: 0, encoding: null });
      return;
    }
    const encoded = precompressed(file, request.headers['accept-encoding']);
    const bytes = encoded ? statSync(encoded.path).size : stat.size;
    response.writeHead(200, {
      ...headers,
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-length': bytes,
      'last-modified': lastModified.toUTCString(),
      // Caches must keep the encodings apart; a file with no compressed copy varies on nothing.
      ...(encoded || existsSync(file + '.gz') || existsSync(file + '.br') ? { vary: 'Accept-Encoding' } : {}),
      ...(encoded ? { 'content-encoding': encoded.encoding } : {}),
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(encoded ? encoded.path : file).pipe(response);
    onResponse?.({ path, status: 200, bytes: request.method === 'HEAD' ? 0 : bytes, encoding: encoded?.encoding ?? null });
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, done);
  });
  const address = server.address();
  return {
    url: `http://${address.address}:${address.port}/`,
    close: () => new Promise((done) => server.close(done)),
    closeAll: () => server.closeAllConnections?.(),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root = 'build/site', port = '8000', host = '127.0.0.1'] = process.argv.slice(2);
  try {
    const { url } = await serveStatic(root, { port: Number(port), host });
    console.log(`Shelf is served on ${url} (Ctrl-C stops it)`);
  } catch (error) {
    console.error(`static-server: ${error.message}`);
    process.exit(2);
  }
}
