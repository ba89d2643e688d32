// Requests to a worker and their replies, for both of the page's workers (the engine's,
// wasm/client.js, and the saving worker's, web/persistence.js). The envelope is the protocol's
// (docs/protocol.md): requests `{ id, type, ...fields }`, replies `{ id, ok: true, result }` or
// `{ id, ok: false, error: { message, code } }`; anything else (an event) goes to `onEvent`.
//
//   const bridge = createWorkerBridge(worker, { names: { worker: 'engine worker', replies: 'the engine' } });
//   const result = await bridge.request('vector', { word: 'king' }, { signal, transfer });
//
// A failed reply rejects with a ProtocolError carrying its code. A worker that fails to load or
// crashes answers nothing more: what waits fails, and every later request too. A reply that does
// not survive the structured clone (messageerror) names no request: what waits fails, later
// requests go on. An aborted `signal` rejects with code 'cancelled' (the reply, if any, is dropped).

import { ErrorCode, ProtocolError } from './protocol.js';

/**
 * @param {{ postMessage(message: any, transfer?: Transferable[]): void,
 *           addEventListener(type: string, listener: (event: any) => void): void } | null} worker
 *   null when the worker could not be made (`unavailable` says why)
 * @param {{ names: { worker: string, replies: string }, onEvent?: (data: any) => boolean,
 *           unavailable?: Error }} options `onEvent` returns true for a message it took
 */
export function createWorkerBridge(worker, { names, onEvent = () => false, unavailable = null }) {
  let nextId = 1;
  const pending = new Map(); // id -> { resolve, reject }
  let failure = worker ? null : (unavailable ?? new ProtocolError(`${names.worker} is not available`, ErrorCode.internal));

  /** Fails every request waiting for its reply with `error`. */
  function failWaiting(error) {
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  }

  worker?.addEventListener('message', ({ data }) => {
    if (onEvent(data)) return;
    const call = pending.get(data?.id);
    if (!call) return; // a reply to a cancelled request
    pending.delete(data.id);
    if (data.ok) call.resolve(data.result);
    else call.reject(errorFromReply(data.error));
  });
  worker?.addEventListener('error', (event) => {
    event?.preventDefault?.();
    failure = new ProtocolError(`${names.worker} failed: ${event?.message ?? 'unknown error'}`, ErrorCode.internal);
    failWaiting(failure);
  });
  worker?.addEventListener('messageerror', () => {
    failWaiting(new ProtocolError(`a reply from ${names.replies} could not be read (messageerror)`, ErrorCode.internal));
  });

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

  return {
    request,
    /** Fails what waits with an internal error saying `message`; later requests go on. */
    failWaiting: (message) => failWaiting(new ProtocolError(message, ErrorCode.internal)),
    /** Requests still waiting for their reply. */
    get pendingCount() {
      return pending.size;
    },
  };
}

/** A failed reply's error as a ProtocolError, for the page to throw. */
function errorFromReply(error) {
  return new ProtocolError(error?.message ?? 'unknown error', error?.code ?? ErrorCode.internal);
}

function cancelled(type) {
  return new ProtocolError(`${type} was cancelled`, ErrorCode.cancelled);
}
