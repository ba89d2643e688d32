// The protocol over one engine session, without any worker globals: the worker wires it to
// `self`, and tests under Node call it directly. See docs/protocol.md.
//
//   const host = createHost(module);         // module: what createShelfEngine() resolves to
//   await host.handle(message, emit);         // emit(messageOut, transferList)
//
// Requests that protocol.js declares `answeredBy` an engine call are answered generically (below
// `handlers`); `handlers` holds only those with logic of their own: the training loop, pausing,
// index building and UMAP in slices with events, the memory checks before a load.
//
// Training runs in slices of `wordsPerStep` corpus words with a turn of the event loop between
// slices, so `pause` and queries are answered while it runs (from the latest slice's vectors).

import { ErrorCode, EventType, FIELDS, ProtocolError, Requests, answeredBy, parseRequest, transferablesOf } from './protocol.js';

/** A UMAP slice: long enough to make progress, short enough that queries wait little. */
const UMAP_SLICE_MS = 25;

/**
 * Lets the event loop run (and deliver messages) before training the next slice. setTimeout(0)
 * would do, but browsers clamp nested timeouts to 4 ms, which would idle a worker between
 * ~10 ms slices; a MessageChannel round trip is not clamped.
 */
function makeYield() {
  if (typeof setImmediate === 'function') return () => new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    const waiting = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    return () =>
      new Promise((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(null);
      });
  }
  return () => new Promise((resolve) => setTimeout(resolve, 0));
}

// Engine errors are JS Errors with a protocol `code` (set by wasm/js_boundary.h); anything else
// (a trap, an Embind type error) is a bug.
function toProtocolError(error) {
  if (error instanceof ProtocolError) return error;
  const code = error && typeof error.code === 'string' && Object.values(ErrorCode).includes(error.code)
    ? error.code
    : ErrorCode.internal;
  const message = error instanceof Error ? error.message : String(error);
  return new ProtocolError(message, code);
}

/** The UTF-8 size of a string, without encoding it (the engine's copy of it is this big). */
export function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** How much of an input the memory estimate reads: enough to measure words per byte. */
const ESTIMATE_SAMPLE = 1 << 20;

function asUint8Array(bytes) {
  return bytes instanceof ArrayBuffer
    ? new Uint8Array(bytes)
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * @param {object} module the instantiated engine (see engine.d.ts)
 * @param {{ yieldToEventLoop?: () => Promise<void> }} [options]
 */
export function createHost(module, options = {}) {
  const yieldToEventLoop = options.yieldToEventLoop ?? makeYield();
  const session = new module.Session();
  const heap = () => module.HEAPU8?.buffer;
  /** The running training loop: { stopped, wordsPerStep }, or null. */
  let loop = null;
  /** The latest `index` request still building (a newer one cancels it), or null. */
  let indexRun = null;
  /** The latest `umap` request still laying out (a newer one cancels it), or null. */
  let layoutRun = null;

  // A layout's `initial` or `reference` points must be one (x, y) per word.
  function pointsFor(values, words, name) {
    if (values === undefined) return undefined;
    if (values.length !== 2 * words) {
      throw new ProtocolError(`umap: \`${name}\` has ${values.length} values; ${words} words need ${2 * words}`, ErrorCode.badInput);
    }
    return Float32Array.from(values);
  }

  /** The contexts lesson's lab (corpus, context index, skip-gram run), made on first use. */
  let contextLab = null;
  const contexts = () => (contextLab ??= new module.ContextLab());

  const withRunning = (progress) => ({ ...progress, running: loop !== null });

  // Refuses, before the engine copies anything, an input the memory estimate says will not fit.
  function requireMemory(fields) {
    const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const advice = module.estimateMemory({
      name: 'the file', dim: 100, minCount: 5, maxVocab: 0, format: 'auto', head: '', ...given,
    });
    if (!advice.fits) {
      const error = new ProtocolError(advice.message, ErrorCode.outOfMemory);
      error.advice = advice;
      throw error;
    }
  }

  function emitProgress(emit, progress, extra = {}) {
    emit({ event: EventType.progress, progress, ...extra }, []);
  }

  // Stops the loop (if any) and tells the page it stopped, before whatever replaces the trainer.
  function stopTraining(emit) {
    if (!loop) return;
    loop.stopped = true;
    loop = null;
    emitProgress(emit, withRunning(session.progress()));
  }

  // With a `wordsPerSecond` pace, waits after a slice until the wall clock catches up with it.
  async function keepPace(current, progress) {
    if (!current.wordsPerSecond) return;
    const pace = current.pace;
    const due = ((progress.wordsDone - pace.words) / current.wordsPerSecond) * 1000 - (performance.now() - pace.time);
    if (due > 1) await new Promise((resolve) => setTimeout(resolve, Math.min(due, 1000)));
  }

  function paced(current, progress) {
    const seconds = (performance.now() - current.started.time) / 1000;
    const words = progress.wordsDone - current.started.words;
    return { ...withRunning(progress), wallWordsPerSecond: seconds > 0 ? words / seconds : 0 };
  }

  async function runTraining(current, emit) {
    const wordsDone = session.progress().wordsDone;
    current.started = { time: performance.now(), words: wordsDone };
    current.pace = { ...current.started };
    while (!current.stopped) {
      await yieldToEventLoop();
      if (current.stopped) return;
      let progress;
      try {
        progress = session.step(current.wordsPerStep);
      } catch (error) {
        current.stopped = true;
        loop = null;
        const { message, code } = toProtocolError(error);
        emitProgress(emit, { ...safeProgress(), running: false }, { error: { message, code } });
        return;
      }
      if (progress.finished) {
        current.stopped = true;
        loop = null;
      }
      emitProgress(emit, paced(current, progress));
      if (!current.stopped) await keepPace(current, progress);
    }
  }

  function safeProgress() {
    try {
      return session.progress();
    } catch {
      return null;
    }
  }

  const handlers = {
    init: (f) => {
      if (f.memoryLimit !== undefined) module.setMemoryLimit(f.memoryLimit);
      return { ...module.info(), memory: module.memoryUsage() };
    },

    loadCorpus: (f, emit) => {
      stopTraining(emit);
      requireMemory({
        kind: 'corpus', name: f.name, bytes: utf8Length(f.text), head: f.text.slice(0, ESTIMATE_SAMPLE),
        dim: f.dim, minCount: f.minCount, maxVocab: f.maxVocab,
      });
      return session.loadCorpus(f.text, f.minCount, f.maxVocab);
    },

    configure: (f, emit) => {
      stopTraining(emit);
      return { progress: withRunning(session.configure(f)) };
    },

    train: (f, emit) => {
      const progress = session.progress(); // no trainer: no-model
      if (loop) {
        loop.wordsPerStep = f.wordsPerStep;
        if (loop.wordsPerSecond !== f.wordsPerSecond) {
          loop.wordsPerSecond = f.wordsPerSecond;
          loop.pace = { time: performance.now(), words: progress.wordsDone };
        }
        return { running: true };
      }
      if (progress.finished) {
        emitProgress(emit, withRunning(progress));
        return { running: false };
      }
      loop = { stopped: false, wordsPerStep: f.wordsPerStep, wordsPerSecond: f.wordsPerSecond };
      runTraining(loop, emit);
      return { running: true };
    },

    pause: (f, emit) => {
      stopTraining(emit);
      return { progress: withRunning(session.progress()) };
    },

    step: (f) => ({ progress: withRunning(session.step(f.words)) }),

    loadVectors: (f, emit) => {
      stopTraining(emit);
      if (f.bytes !== undefined) {
        const bytes = asUint8Array(f.bytes);
        if (!f.maxWords) {
          requireMemory({ kind: 'vectors', name: f.name, bytes: bytes.length, head: bytes.subarray(0, 1 << 16), format: f.format });
        }
        return session.loadVectors(bytes, f.name, f.format, f.maxWords);
      }
      if (!f.maxWords) {
        requireMemory({
          kind: 'vectors', name: f.name, format: 'projector', head: f.vectorsTsv.slice(0, 1 << 16),
          bytes: utf8Length(f.vectorsTsv) + utf8Length(f.metadataTsv),
        });
      }
      return session.loadProjector(f.vectorsTsv, f.metadataTsv, f.name, f.maxWords);
    },

    // Gives up training: the trainer, its vectors and the corpus are freed.
    cancelTraining: (f, emit) => {
      stopTraining(emit);
      session.cancelTraining();
      return { memory: module.memoryUsage() };
    },

    estimateMemory: (f) => module.estimateMemory({ ...f, head: typeof f.head === 'string' ? f.head : asUint8Array(f.head) }),

    neighbors: (f) => {
      if (!f.approximate) {
        return f.word !== undefined ? session.neighbors(f.word, f.k) : session.neighborsOfVector(f.vector, f.k);
      }
      const ef = f.ef ?? 0; // 0: the index's default width
      return f.word !== undefined
        ? session.approximateNeighbors(f.word, f.k, ef)
        : session.approximateNeighborsOfVector(f.vector, f.k, ef);
    },

    // Built in slices like training, with an `indexProgress` event after each; replies when done.
    index: async (f, emit) => {
      stopTraining(emit);
      const run = {};
      indexRun = run;
      let status = session.beginIndex(f);
      while (!status.complete) {
        await yieldToEventLoop();
        if (indexRun !== run) throw new ProtocolError('replaced by a newer index request', ErrorCode.cancelled);
        status = session.indexStep(f.itemsPerStep);
        emit({ event: EventType.indexProgress, index: status }, []);
      }
      if (indexRun === run) indexRun = null;
      return status;
    },

    // UMAP in the engine, in slices of whole epochs with a turn of the event loop between them,
    // like `index`. The layout (a C++ WordLayout, engine memory) owns its graph: deleted however it ends.
    umap: async (f) => {
      const run = {};
      layoutRun = run;
      const words = session.vocabulary(f.limit).words.length; // no vectors: no-model
      if (words < 3) throw new ProtocolError(`UMAP needs at least 3 words; there are ${words}`, ErrorCode.badInput);
      const initial = pointsFor(f.initial, words, 'initial');
      const reference = pointsFor(f.reference, words, 'reference');
      const neighbors = Math.min(f.neighbors, words - 1); // small vocabularies get fewer
      const layout = session.beginUmap(f.limit, neighbors, { ...f, initial });
      try {
        let progress;
        do {
          await yieldToEventLoop();
          if (layoutRun !== run) throw new ProtocolError('replaced by a newer umap request', ErrorCode.cancelled);
          const start = performance.now();
          do progress = layout.step(1);
          while (!progress.finished && performance.now() - start < UMAP_SLICE_MS);
        } while (!progress.finished);
        layoutRun = null;
        const points = reference ? module.alignPoints(layout.points(), reference, 2) : layout.points();
        return { words: layout.words(), ids: layout.ids(), points, neighbors, epochs: f.epochs, aligned: reference !== undefined };
      } finally {
        layout.delete();
      }
    },
    wordFilter: (f) => (f.words !== undefined ? module.setWordFilter(session, f.words) : module.wordFilterStatus(session)),

    // The contexts lesson: a ContextLab of its own, made on first use (docs/protocol.md).
    contextsConfigure: (f) => ({ progress: contexts().configure(f) }),
  };

  // Every other request is answered as protocol.js declares it (`answeredBy`): one call into the
  // engine with the request's fields in the declared order.
  const targets = { session: () => session, overSession: () => module, engine: () => module, contextLab: contexts };
  for (const [type, spec] of Object.entries(Requests)) {
    const how = spec[answeredBy];
    if ((how === undefined) === (handlers[type] === undefined)) {
      throw new Error(`${type}: needs a handler in engine-host.js or an \`answeredBy\` in protocol.js (exactly one)`);
    }
    if (!how) continue;
    const { on, method, args } = how;
    const target = targets[on];
    const owner = on === 'contextLab' ? module.ContextLab?.prototype : target();
    if (typeof owner?.[method] !== 'function') throw new Error(`${type}: the engine has no ${on} function ${method}`);
    handlers[type] = (f) => {
      const values = args.map((name) => (name === FIELDS ? f : f[name]));
      return on === 'overSession' ? module[method](session, ...values) : target()[method](...values);
    };
  }

  /**
   * Answers one request with exactly one reply through `emit`; may emit events before it.
   * Never throws. Resolves once the reply has been emitted.
   */
  async function handle(message, emit) {
    let request;
    try {
      request = parseRequest(message);
    } catch (error) {
      const id = Number.isSafeInteger(message?.id) ? message.id : null;
      const { message: text, code } = toProtocolError(error);
      emit({ id, ok: false, error: { message: text, code } }, []);
      return;
    }
    let result;
    try {
      result = handlers[request.type](request.fields, emit);
      if (typeof result?.then === 'function') result = await result;
    } catch (error) {
      const { message: text, code } = toProtocolError(error);
      emit({ id: request.id, ok: false, error: { message: text, code } }, []);
      return;
    }
    // Results hold copies, never views of the wasm heap; transferring the heap would kill the engine.
    const transfer = transferablesOf(result).filter((buffer) => buffer !== heap());
    try {
      emit({ id: request.id, ok: true, result }, transfer);
    } catch (error) {
      // A result postMessage cannot carry must still get its one reply, or the page waits forever.
      const text = `the result of ${request.type} could not be sent: ${error?.message ?? error}`;
      emit({ id: request.id, ok: false, error: { message: text, code: ErrorCode.internal } }, []);
    }
  }

  return {
    handle,
    /** True while the training loop runs. */
    get training() {
      return loop !== null;
    },
  };
}
