// The signed-in app's service worker (scope /app/, registered by src/offline/service_worker.rs):
// it keeps the app shell so that the app opens without a connection.
//
// - Pages of the app (navigations under /app/): network first, so that a new release
//   arrives at once; offline (or on a 5xx), the kept /app/index.html, which is every
//   route of the app.
// - Content-hashed assets (Trunk names them name-<hex hash>.ext; see is_content_hashed in
//   crates/server/src/lib.rs), the favicon and Leaflet's images: cache first, kept on
//   first use, since a hashed name never changes its content.
// - /api/ is never kept here: the app keeps the account's records in IndexedDB itself,
//   for that account only, and clears them on sign-out.

const CACHE = 'parkatlas-app-shell-v1';
const SHELL = '/app/index.html';

/** True for names like /app/parkatlas-app-6f235db6c22cacf7_bg.wasm: a dash, 13 to 16 hex digits, the extension. */
function isContentHashed(path) {
  const name = path.split('/').pop();
  const stem = name.split('.')[0].replace(/_bg$/, '');
  return /-[0-9a-f]{13,16}$/.test(stem);
}

function isKept(path) {
  return isContentHashed(path) || path === '/favicon.svg' || path.startsWith('/app/images/');
}

/** Keeps a fresh shell and the hashed assets it names, and drops hashed assets it no longer names. */
async function keepShell(response) {
  const html = await response.clone().text();
  const cache = await caches.open(CACHE);
  await cache.put(SHELL, response);
  const named = new Set((html.match(/\/app\/[\w.\-/]+/g) || []).filter(isContentHashed));
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (isContentHashed(path) && !named.has(path)) await cache.delete(request);
  }
  const missing = [];
  for (const path of named) if (!(await cache.match(path))) missing.push(path);
  await cache.addAll([...missing, '/favicon.svg']);
}

// The first visit is not controlled yet, so the shell and its assets are fetched here:
// the next reload, offline, finds them. An install without a connection keeps nothing and
// leaves it to the next visit.
self.addEventListener('install', (event) => {
  event.waitUntil(
    fetch(SHELL, { cache: 'no-cache' })
      .then((response) => (response.ok ? keepShell(response) : undefined))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function page(event) {
  try {
    const response = await fetch(event.request);
    // A server that is down behind a proxy answers 502: as good as offline for opening the app.
    if (response.status >= 500) return (await caches.match(SHELL)) || response;
    const html = (response.headers.get('content-type') || '').startsWith('text/html');
    if (response.ok && html) event.waitUntil(keepShell(response.clone()).catch(() => undefined));
    return response;
  } catch (offline) {
    return (await caches.match(SHELL)) || Response.error();
  }
}

async function cacheFirst(event) {
  const kept = await caches.match(event.request);
  if (kept) return kept;
  const response = await fetch(event.request);
  if (response.ok) {
    const copy = response.clone();
    event.waitUntil(caches.open(CACHE).then((cache) => cache.put(event.request, copy)));
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    if (url.pathname === '/app' || url.pathname.startsWith('/app/')) event.respondWith(page(event));
    return;
  }
  if (isKept(url.pathname)) event.respondWith(cacheFirst(event));
});
