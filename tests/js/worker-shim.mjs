// Runs wasm/worker.js inside a Node worker_threads Worker, as a browser would run it: `self`
// with postMessage/onmessage, a `location`, `importScripts` (so the Emscripten loader takes its
// worker path) and a `fetch` that can read file: URLs (Node's cannot). Test-only.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

globalThis.self = globalThis;
globalThis.location = new URL(workerData.url);
globalThis.importScripts = () => {
  throw new Error('importScripts is not supported in module workers');
};
const networkFetch = globalThis.fetch;
globalThis.fetch = async (resource, init) => {
  const url = new URL(typeof resource === 'string' || resource instanceof URL ? resource : resource.url);
  if (url.protocol !== 'file:') return networkFetch(resource, init);
  return new Response(fs.readFileSync(url), { headers: { 'Content-Type': 'application/wasm' } });
};
self.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);

// As in a browser, messages wait until the worker's script has run.
const early = [];
const deliver = (data) => self.onmessage?.({ data });
let receive = (data) => early.push(data);
parentPort.on('message', (data) => {
  // What a browser does with a message it cannot deserialize; tests ask for one by this marker.
  if (data?.shimMessageError) self.onmessageerror?.({ data: null });
  else receive(data);
});
parentPort.on('messageerror', () => self.onmessageerror?.({ data: null }));
await import(workerData.url);
receive = deliver;
for (const data of early.splice(0)) deliver(data);
