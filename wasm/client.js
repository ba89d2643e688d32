// The page's side of the worker protocol (docs/protocol.md): one promise-returning method per
// request type, progress callbacks, and AbortSignal support. Requests and replies go through
// worker-bridge.js, which the saving worker's client (web/persistence.js) uses too.
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

import { EventType, RequestType } from './protocol.js';
import { createWorkerBridge } from './worker-bridge.js';

/**
 * @param {{ postMessage(message: any, transfer?: Transferable[]): void,
 *           addEventListener(type: string, listener: (event: any) => void): void }} worker
 */
export function createEngineClient(worker) {
  const progressListeners = new Set();
  const trainingStopped = new Set(); // callbacks run when a progress event says training stopped
  const indexListeners = new Set();

  // The worker's events: progress, index progress, and a request it could not read (messageerror
  // on its side: the request names no id, so fail what waits rather than let it wait forever).
  function onEvent(data) {
    if (data?.event === EventType.progress) {
      for (const listener of progressListeners) listener(data.progress, data);
      if (!data.progress || !data.progress.running) for (const done of [...trainingStopped]) done();
      return true;
    }
    if (data?.event === EventType.indexProgress) {
      for (const listener of indexListeners) listener(data.index, data);
      return true;
    }
    if (data?.event === EventType.unreadableRequest) {
      bridge.failWaiting('the engine could not read a request (messageerror)');
      return true;
    }
    return false;
  }
  const bridge = createWorkerBridge(worker, { names: { worker: 'engine worker', replies: 'the engine' }, onEvent });
  const { request } = bridge;

  // `train` replies at once; its signal stays armed until training stops, and aborting it
  // pauses training.
  function train(fields = {}, { signal, transfer } = {}) {
    if (signal?.aborted) return request('train', fields, { signal }); // rejects: cancelled
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
      return bridge.pendingCount;
    },
  };
  for (const type of Object.keys(RequestType)) {
    client[type] = type === 'train' ? train : (fields, options) => request(type, fields, options);
  }
  return client;
}
