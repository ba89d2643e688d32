// The engine's module worker: owns one engine session and answers the protocol of
// docs/protocol.md (through engine-host.js).
//
// Where the engine comes from: the CMake wasm build writes it to build/wasm/ in the repository
// (`emcmake cmake -S . -B build/wasm && cmake --build build/wasm`), in two flavours:
//   build/wasm/shelf-engine.mjs        + .wasm   wasm SIMD (xsimd lowered to simd128)
//   build/wasm/shelf-engine-scalar.mjs + .wasm   no SIMD, for browsers without it
// This file imports them by relative path, with literal `import()` and
// `new URL(..., import.meta.url)` so that bundlers (Vite) follow both and emit the .wasm files as
// assets, and plain static servers serving the repository root work with no build step at all.
// The flavour is chosen by feature detection (WebAssembly.validate on a tiny SIMD module; no
// dependency, no bare import specifier, so no bundler is needed); `?engine=scalar` (or `simd`)
// on the worker URL forces one.
//
// Start it with: new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })
// and talk to it through client.js.

import { createHost } from './engine-host.js';
import { ErrorCode, EventType } from './protocol.js';

// (module (func (result v128) i32.const 0 i8x16.splat)): valid only where wasm SIMD is.
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b,       // type section: () -> v128
  0x03, 0x02, 0x01, 0x00,                         // function section: one function of type 0
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x0b, // code: i32.const 0, i8x16.splat, end
]);

export function simdSupported() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

async function loadEngine(flavour) {
  if (flavour === 'scalar') {
    const { default: createShelfEngine } = await import('../build/wasm/shelf-engine-scalar.mjs');
    const wasm = new URL('../build/wasm/shelf-engine-scalar.wasm', import.meta.url);
    return createShelfEngine({ locateFile: () => wasm.href });
  }
  const { default: createShelfEngine } = await import('../build/wasm/shelf-engine.mjs');
  const wasm = new URL('../build/wasm/shelf-engine.wasm', import.meta.url);
  return createShelfEngine({ locateFile: () => wasm.href });
}

const post = (message, transfer) => self.postMessage(message, transfer);
const forced = new URL(import.meta.url).searchParams.get('engine');
const flavour = forced === 'scalar' || forced === 'simd' ? forced : simdSupported() ? 'simd' : 'scalar';

// Requests that arrive while the engine loads wait in line; a failed load fails them all.
const waiting = [];
let handle = (message) => waiting.push(message);
self.onmessage = (event) => handle(event.data);
// Its id is unreadable too, so no reply can name it: the client fails what waits (docs/protocol.md).
self.onmessageerror = () => post({ event: EventType.unreadableRequest });

loadEngine(flavour).then(
  (module) => {
    const host = createHost(module);
    handle = (message) => host.handle(message, post);
    for (const message of waiting.splice(0)) handle(message);
  },
  (error) => {
    const reason = `the engine failed to load (${flavour}): ${error?.message ?? error}`;
    handle = (message) =>
      post({ id: message?.id ?? null, ok: false, error: { message: reason, code: ErrorCode.internal } }, []);
    for (const message of waiting.splice(0)) handle(message);
  },
);
