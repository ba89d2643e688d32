// The saved work's storage, off the page's main thread: one IndexedDB object store with three
// records, `meta` (settings, what the vectors are), `vectors` (word2vec binary bytes, bit-exact)
// and `corpus` (the user's corpus text). The page transfers ArrayBuffers here, so neither
// cloning them into the database nor reading them back blocks the page. See web/persistence.js.
//
// Messages: { id, type: 'probe' | 'load' | 'save' | 'forget', put?, remove? }
// Replies:  { id, ok: true, result } or { id, ok: false, error: { message } }, the engine's
// envelope (wasm/worker-bridge.js sends and reads both).

const DB_NAME = 'shelf-saved-work';
const STORE = 'work';
const KEYS = ['meta', 'vectors', 'corpus'];

let opened = null;

function database() {
  if (!opened) {
    opened = new Promise((resolve, reject) => {
      if (typeof indexedDB === 'undefined') throw new Error('this browser has no IndexedDB');
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
      request.onblocked = () => reject(new Error('IndexedDB is busy in another tab'));
    });
    opened.catch(() => {
      opened = null;
    });
  }
  return opened;
}

/** Runs `body(store)` in one transaction; resolves with its value once the transaction is done. */
async function transaction(mode, body) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    let value;
    tx.oncomplete = () => resolve(value);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted (is the disk full?)'));
    Promise.resolve(body(tx.objectStore(STORE))).then((v) => {
      value = v;
    }, reject);
  });
}

const got = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

const ops = {
  probe: async () => {
    await database();
    return { available: true };
  },
  load: () => transaction('readonly', async (store) => {
    const values = await Promise.all(KEYS.map((key) => got(store.get(key))));
    return Object.fromEntries(KEYS.map((key, i) => [key, values[i] ?? null]));
  }),
  save: ({ put = {}, remove = [] }) => transaction('readwrite', (store) => {
    for (const [key, value] of Object.entries(put)) if (KEYS.includes(key)) store.put(value, key);
    for (const key of remove) if (KEYS.includes(key)) store.delete(key);
    return { saved: Object.keys(put), removed: remove };
  }),
  forget: () => transaction('readwrite', (store) => {
    store.clear();
    return { forgotten: true };
  }),
};

self.onmessage = async ({ data }) => {
  const { id, type, ...fields } = data ?? {};
  try {
    if (!Object.hasOwn(ops, type)) throw new Error(`unknown operation ${JSON.stringify(type)}`);
    const result = await ops[type](fields);
    const transfer = type === 'load' && result.vectors instanceof ArrayBuffer ? [result.vectors] : [];
    self.postMessage({ id, ok: true, result }, transfer);
  } catch (error) {
    self.postMessage({ id, ok: false, error: { message: error?.message ?? String(error) } });
  }
};
