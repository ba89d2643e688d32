// The one engine of the page: a module worker that owns the WebAssembly engine (wasm/worker.js)
// and the promise client over it (wasm/client.js). Every lesson computes through this client;
// nothing on the page touches the engine otherwise. See docs/protocol.md.
import { createEngineClient } from '../wasm/client.js';

let shared = null;

/** The shared engine client, created on first use. */
export function engineClient() {
  if (!shared) {
    // Vite sees this exact pattern and bundles the worker (and the .wasm files it loads).
    const worker = new Worker(new URL('../wasm/worker.js', import.meta.url), { type: 'module' });
    shared = createEngineClient(worker);
  }
  return shared;
}
