// wasm/protocol.js is where a request is declared; docs/protocol.md and wasm/engine.d.ts describe
// it too, by hand. These checks fail when they disagree with the declaration, without an engine.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { FIELDS, Requests, answeredBy } from '../../wasm/protocol.js';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** docs/protocol.md's request reference: type -> its fields cell. */
function documentedRequests() {
  const docs = read('docs/protocol.md');
  const table = docs.slice(docs.indexOf('## Requests'), docs.indexOf('\n\n', docs.indexOf('| type |')));
  const rows = new Map();
  for (const line of table.split('\n')) {
    const row = /^\| `(\w+)` \| (.*?) \| /.exec(line);
    if (!row) continue;
    assert.ok(!rows.has(row[1]), `docs/protocol.md lists ${row[1]} twice`);
    rows.set(row[1], row[2]);
  }
  return rows;
}

/** A default as the docs write it: 'text', [1,3,5], true, 1e-3. */
function valueOf(text) {
  if (text.startsWith("'")) return text.slice(1, -1);
  if (text.startsWith('[')) return JSON.parse(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return Number(text);
}

test('docs/protocol.md lists every request, with its fields and defaults as declared', () => {
  const rows = documentedRequests();
  assert.deepEqual([...rows.keys()].sort(), Object.keys(Requests).sort());
  for (const [type, cell] of rows) {
    const spec = Requests[type];
    for (const name of Object.keys(spec)) {
      assert.match(cell, new RegExp(`\\b${name}\\b`), `docs/protocol.md: ${type} does not mention \`${name}\``);
    }
    // `name=default` or `name:'a'|'b'='default'`.
    for (const [, name, value] of cell.matchAll(/(\w+)(?::[^=,{}]*?)?=('[^']*'|\[[^\]]*\]|[-\w.+]+)/g)) {
      assert.ok(Object.hasOwn(spec, name), `docs/protocol.md: ${type} has \`${name}\`, which protocol.js does not declare`);
      assert.deepEqual(valueOf(value), spec[name].fallback, `docs/protocol.md: ${type}'s \`${name}\` defaults to ${value}`);
    }
  }
});

/** The parameter names of each method of a class or interface of engine.d.ts. */
function declaredMethods(source, opening) {
  const start = source.indexOf(opening);
  assert.ok(start >= 0, `engine.d.ts has no ${opening}`);
  const methods = new Map();
  let depth = 0;
  let i = source.indexOf('{', start) + 1;
  for (; i < source.length && depth >= 0; i += 1) {
    if (depth === 0) {
      const method = /^\n\s+(\w+)\(/.exec(source.slice(i, i + 80));
      if (method) {
        const params = [];
        let level = 0;
        let param = '';
        let j = i + method[0].length;
        for (; level >= 0; j += 1) {
          const c = source[j];
          if ('([{<'.includes(c)) level += 1;
          if (')]}>'.includes(c) && !(c === '>' && source[j - 1] === '=')) level -= 1;
          if ((c === ',' && level === 0) || level < 0) {
            if (param.trim()) params.push(/^\s*(\w+)/.exec(param)[1]);
            param = '';
          } else param += c;
        }
        methods.set(method[1], params);
        i = j - 1;
        continue;
      }
    }
    if (source[i] === '{') depth += 1;
    if (source[i] === '}') depth -= 1;
  }
  return methods;
}

test('every request answered by a binding names one engine.d.ts declares, with as many parameters', () => {
  const source = read('wasm/engine.d.ts');
  const owners = {
    session: declaredMethods(source, 'export declare class Session'),
    overSession: declaredMethods(source, 'export interface ShelfEngine'),
    engine: declaredMethods(source, 'export interface ShelfEngine'),
    contextLab: declaredMethods(source, 'export declare class ContextLab'),
  };
  let declared = 0;
  for (const [type, spec] of Object.entries(Requests)) {
    const how = spec[answeredBy];
    if (!how) continue;
    declared += 1;
    const params = owners[how.on].get(how.method);
    assert.ok(params, `${type}: engine.d.ts declares no ${how.on} method ${how.method}`);
    const expected = how.on === 'overSession' ? ['session', ...how.args] : how.args;
    assert.equal(params.length, expected.length, `${type}: ${how.method}(${params.join(', ')}) against (${expected.join(', ')})`);
    if (how.on === 'overSession') assert.equal(params[0], 'session', `${type}: ${how.method} takes the session first`);
    for (const name of how.args) {
      assert.ok(name === FIELDS || Object.hasOwn(spec, name), `${type}: passes \`${name}\`, which it does not declare`);
    }
  }
  assert.ok(declared >= 20, `only ${declared} requests are answered declaratively`);
});
