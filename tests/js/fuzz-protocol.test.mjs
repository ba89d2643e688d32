// Property-based fuzzing of the worker's messages (fast-check; see docs/robustness.md for why
// not libFuzzer): wasm/protocol.js's parseRequest, and the engine host answering whatever arrives.
// Fixed seeds and bounded runs, so a failure reproduces and the suite stays quick.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import fc from 'fast-check';

import { ErrorCode, ProtocolError, Requests, parseRequest } from '../../wasm/protocol.js';
import { hostFor, loadEngine, missingEngine, twoTopicText } from './support.mjs';

const settings = (numRuns) => ({ seed: 20240605, numRuns, endOnFailure: true });
const types = Object.keys(Requests);
const fieldNames = [...new Set(types.flatMap((type) => Object.keys(Requests[type])))];

// Values of every kind a structured clone can carry: strings of all sorts, numbers at the edges,
// BigInts, typed arrays, buffers, nested objects and arrays.
const anyValue = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }),
  fc.constantFrom(0, -1, 1, 2, 3, 10, 1.5, -0, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e300),
  fc.constantFrom('', ' ', 'king', 'queen', 'cat', 'zebra', 'add', 'mul', 'mean', 'sif', 'hnsw', 'exact', 'none', 'int8',
    'skipgram', 'cbow', 'corpus', 'vectors', 'auto', 'word2vec', 'word2vec-binary', 'glove', 'projector', 'shelf-int8', 'meaning', 'words', 'hybrid', '\uD800', 'caf\u00e9 \u{1F642}'),
  fc.boolean(),
  fc.float32Array({ maxLength: 20 }),
  fc.array(fc.double(), { maxLength: 20 }),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => bytes.buffer),
  // Lists of the shapes the newer requests take (word lists, [from, to] pairs, passage numbers),
  // which random values almost never are: without them, generating a valid request of those
  // types by filtering random values would never end.
  fc.constantFrom([0, 2], [1], ['king', 'queen'], ['who built the ark?'], [['man', 'woman'], ['king', 'queen']]),
);

// A message close to a real one: a known type, some known fields (with any values), sometimes an
// unknown field or a bad id.
const nearRequest = fc.record(
  {
    id: fc.oneof(fc.nat(1000), anyValue),
    type: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...types) }, { weight: 1, arbitrary: anyValue }),
    fields: fc.dictionary(fc.oneof(fc.constantFrom(...fieldNames), fc.string()), anyValue, { maxKeys: 5 }),
  },
  { requiredKeys: ['type', 'fields'] },
).map(({ id, type, fields }) => ({ ...fields, ...(id === undefined ? {} : { id }), type }));

// The same, with every field valid by its own check (cross-field rules may still refuse).
const validRequest = fc.constantFrom(...types).chain((type) => {
  const spec = Requests[type];
  const fieldArbitraries = Object.fromEntries(
    Object.entries(spec).map(([name, field]) => [name, anyValue.filter((value) => field.check(value) === null)]),
  );
  const required = Object.keys(spec).filter((name) => spec[name].required);
  return fc.record({ id: fc.nat(2 ** 31), fields: fc.record(fieldArbitraries, { requiredKeys: required }) })
    .map(({ id, fields }) => ({ ...fields, id, type }));
});

const isBadRequest = (error) => error instanceof ProtocolError && error.code === ErrorCode.badRequest;

describe('parseRequest under fuzzing', () => {
  test('any value is either a request or a bad-request error', () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, nearRequest), (message) => {
        try {
          const { id, type, fields } = parseRequest(message);
          assert.ok(Number.isSafeInteger(id));
          assert.ok(Object.hasOwn(Requests, type));
          for (const [name, value] of Object.entries(fields)) {
            assert.ok(Object.hasOwn(Requests[type], name), `unknown field ${name} accepted`);
            assert.equal(Requests[type][name].check(value), null, `invalid ${name} accepted`);
          }
        } catch (error) {
          if (!isBadRequest(error)) throw error;
          assert.ok(error.message.length > 0);
        }
      }),
      settings(3000),
    );
  });

  test('valid requests keep their fields, and parsing the result again changes nothing', () => {
    fc.assert(
      fc.property(validRequest, (message) => {
        let parsed;
        try {
          parsed = parseRequest(message);
        } catch (error) {
          // Only the rules between fields (loadVectors, neighbors, umap, clusterWords) may refuse fields that are each valid.
          assert.ok(isBadRequest(error) && ['loadVectors', 'neighbors', 'umap', 'clusterWords'].includes(message.type), error.message);
          return;
        }
        const { id, type, ...given } = message;
        for (const [name, value] of Object.entries(given)) assert.equal(parsed.fields[name], value);
        assert.deepEqual(parseRequest({ ...parsed.fields, id, type }), parsed);
      }),
      settings(2000),
    );
  });

  test('a BigInt or symbol-like type is a bad request, not a crash of the message check', () => {
    assert.throws(() => parseRequest({ id: 1, type: 1n }), isBadRequest);
    assert.throws(() => parseRequest({ id: 1, type: { toJSON: () => 1n } }), isBadRequest);
  });
});

describe('the engine host under fuzzed messages', { skip: missingEngine() ?? false }, () => {
  let module;
  before(async () => {
    module = await loadEngine('simd');
  });

  test('every message gets exactly one reply with its id and a documented code, and the engine keeps answering', async () => {
    const { host, call } = hostFor(module);
    await call('loadCorpus', { text: twoTopicText(200), minCount: 1 });
    await call('configure', { dim: 8, epochs: 1, seed: 3 });
    await call('step', { words: 500 });
    await call('indexDocuments', { text: 'the cat and the dog\n\nparis and rome' });
    const codes = new Set(Object.values(ErrorCode));
    // Training loops run on their own; here every request is answered before the next is sent.
    const notTrain = fc.oneof(nearRequest, validRequest).filter((message) => message.type !== 'train');
    await fc.assert(
      fc.asyncProperty(notTrain, async (message) => {
        const replies = [];
        await host.handle(message, (reply) => {
          if (!reply.event) replies.push(reply);
        });
        assert.equal(replies.length, 1, 'exactly one reply');
        const [reply] = replies;
        const what = typeof message.type === 'string' ? message.type : typeof message.type;
        assert.equal(reply.id, Number.isSafeInteger(message.id) ? message.id : null);
        if (!reply.ok) {
          assert.ok(codes.has(reply.error.code), `undocumented code ${reply.error.code}`);
          assert.notEqual(reply.error.code, ErrorCode.internal, `internal error for ${what}: ${reply.error.message}`);
          // Sizes no engine can hold are refused before allocating, naming the limit.
          if (reply.error.code === ErrorCode.outOfMemory) assert.match(reply.error.message, /limit/, `out of memory for ${what}`);
        }
        // A fuzzed `init` may lower the memory limit (a test knob) to a few bytes: refusals for
        // memory after it would be right, so the limit goes back to the build's maximum here.
        const after = await call('init', { memoryLimit: 2 ** 53 - 1 });
        assert.equal(after.ok, true, 'the engine still answers');
      }),
      settings(800),
    );
  });
});
