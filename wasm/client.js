// The page's side of the worker protocol (docs/protocol.md): one promise-returning method per
// request type, progress callbacks, and AbortSignal support.
//
//   const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
//   const engine = createEngineClient(worker);
//   await engine.init();
//   await engine.loadCorpus({ text });
//   await engine.configure({ dim: 50 });
//   engine.onProgress((progress) => draw(progress));
//   await engine.train({ wordsPerStep: 20000 }, { signal: controller.signal }); // abort = pause
//   const { words, scores } = await engine.neighbors({ word: 'king', k: 10 });
//
// Every method takes (fields, { signal, transfer }) and resolves with the reply's `result`, or
// rejects with a ProtocolError whose `code` is the protocol's error code. Request fields are
// copied to the worker unless their buffers are listed in `transfer` (then they are moved and
// the page's copies become empty).

import { ErrorCode, EventType, ProtocolError, RequestType, errorFromReply } from './protocol.js';

/**
 * @param {{ postMessage(message: any, transfer?: Transferable[]): void,
 *           addEventListener(type: string, listener: (event: any) => void): void }} worker
 */
export function createEngineClient(worker) {
  let nextId = 1;
  const pending = new Map(); // id -> { resolve, reject }
  const progressListeners = new Set();
  const trainingStopped = new Set(); // callbacks run when a progress event says training stopped
  const indexListeners = new Set();

  worker.addEventListener('message', ({ data }) => {
    if (data && data.event === EventType.progress) {
      for (const listener of progressListeners) listener(data.progress, data);
      if (!data.progress || !data.progress.running) for (const done of [...trainingStopped]) done();
      return;
    }
    if (data && data.event === EventType.indexProgress) {
      for (const listener of indexListeners) listener(data.index, data);
      return;
    }
    if (data && data.event === EventType.unreadableRequest) {
      failWaiting('the engine could not read a request (messageerror)');
      return;
    }
    const call = data && pending.get(data.id);
    if (!call) return; // a reply to a cancelled request
    pending.delete(data.id);
    if (data.ok) call.resolve(data.result);
    else call.reject(errorFromReply(data.error));
  });

  // A worker that fails to load or crashes answers nothing more: fail what is waiting, and
  // everything after.
  let failure = null;
  worker.addEventListener('error', (event) => {
    event?.preventDefault?.();
    failure = new ProtocolError(`engine worker failed: ${event?.message ?? 'unknown error'}`, ErrorCode.internal);
    for (const call of pending.values()) call.reject(failure);
    pending.clear();
  });

  // A message that does not survive the structured clone names no request, and its reply will
  // never come: fail everything waiting rather than let it wait forever. The engine is unharmed,
  // so later requests go on.
  function failWaiting(message) {
    const error = new ProtocolError(message, ErrorCode.internal);
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  }
  worker.addEventListener('messageerror', () => failWaiting('a reply from the engine could not be read (messageerror)'));

  function request(type, fields = {}, { signal, transfer = [] } = {}) {
    if (failure) return Promise.reject(failure);
    if (signal?.aborted) return Promise.reject(cancelled(type));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        pending.delete(id);
        reject(cancelled(type));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (fn) => (value) => {
        signal?.removeEventListener('abort', onAbort);
        fn(value);
      };
      pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      worker.postMessage({ ...fields, id, type }, transfer);
    });
  }

  // `train` replies at once; its signal stays armed until training stops, and aborting it
  // pauses training.
  function train(fields = {}, { signal, transfer } = {}) {
    if (signal?.aborted) return Promise.reject(cancelled('train'));
    const reply = request('train', fields, { transfer });
    if (signal) {
      const onAbort = () => {
        disarm();
        request('pause').catch(() => {});
      };
      const disarm = () => {
        trainingStopped.delete(disarm);
        signal.removeEventListener('abort', onAbort);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      trainingStopped.add(disarm);
      reply.then((result) => result.running || disarm(), disarm);
    }
    return reply;
  }

  const client = {
    request,
    /** Calls `listener(progress, event)` for every progress event; returns an unsubscribe function. */
    onProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    /** Calls `listener(status, event)` after every slice of an `index` request; returns an unsubscribe function. */
    onIndexProgress(listener) {
      indexListeners.add(listener);
      return () => indexListeners.delete(listener);
    },
    /** Requests still waiting for their reply. */
    get pendingCount() {
      return pending.size;
    },
  };
  for (const type of Object.keys(RequestType)) {
    client[type] = type === 'train' ? train : (fields, options) => request(type, fields, options);
  }
  return client;
}

function cancelled(type) {
  return new ProtocolError(`${type} was cancelled`, ErrorCode.cancelled);
}
