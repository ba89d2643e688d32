// Each training setting is declared once (wasm/training-settings.js); every other place is derived
// from it or held against it here: the built engine's own defaults and limits (TrainingParams,
// VocabOptions and their limits, through wasm/bindings_settings.cpp), the protocol's requests, the
// page's URL settings and docs/protocol.md. (`shelf train --help`: tests/cli/training-settings.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

import { Requests } from '../../wasm/protocol.js';
import { CONFIGURE_SETTINGS, PAGE_SETTINGS, SETTING_REQUESTS, TRAINING_SETTINGS, pageSide } from '../../wasm/training-settings.js';
import { appParams } from '../../web/state.js';
import { BEGIN, END, docsFile, settingsSection } from '../../scripts/training-settings-doc.mjs';
import { hostFor, loadEngine, missingEngine, twoTopicText } from './support.mjs';

const settings = Object.entries(TRAINING_SETTINGS);
const numeric = settings.filter(([, s]) => s.type !== 'choice');
// The engine's learning rate is a float: 0.025 comes back as 0.02500000037252903.
const same = (a, b) => a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-7 * Math.abs(b));
/** Whether `value` lies in `{ min, max, minOpen, maxOpen }`. */
const inside = (value, r) => (r.minOpen ? value > r.min : value >= r.min) && (r.maxOpen ? value < r.max : value <= r.max);

test('the built engine has the declared defaults and limits', { skip: missingEngine() ?? false }, async () => {
  const module = await loadEngine();
  const defaults = module.trainingDefaults();
  const limits = module.trainingLimits();
  const engineSettings = settings.filter(([, s]) => s.engine).map(([name]) => name);
  assert.deepEqual(Object.keys(defaults).sort(), [...engineSettings].sort(), 'the engine and the declaration have the same settings');
  for (const name of engineSettings) {
    const declared = TRAINING_SETTINGS[name].engine;
    assert.ok(same(defaults[name], declared.default), `${name}: the engine's default is ${defaults[name]}, the declaration says ${declared.default}`);
  }
  assert.deepEqual(Object.keys(limits).sort(), numeric.map(([name]) => name).sort(), 'a limit for every numeric setting');
  for (const [name, s] of numeric) {
    const [engine, declared] = [limits[name], s.engine];
    assert.deepEqual(
      [engine.min, engine.max, engine.minOpen, engine.maxOpen],
      [declared.min, declared.max, declared.minOpen ?? false, declared.maxOpen ?? false],
      `${name}: the engine's range against the declared one`,
    );
  }
});

test('through the protocol, the engine takes each setting at the ends of its declared range and refuses it beyond', { skip: missingEngine() ?? false }, async () => {
  const h = hostFor(await loadEngine());
  const text = twoTopicText(200);
  const codeOf = async (type, fields) => {
    const reply = await h.call(type, fields);
    return reply.ok ? 'ok' : `${reply.error.code}: ${reply.error.message}`;
  };
  assert.equal(await codeOf('loadCorpus', { text, minCount: 1 }), 'ok');
  for (const name of CONFIGURE_SETTINGS) {
    const s = TRAINING_SETTINGS[name];
    if (s.type === 'choice') continue;
    const { min, max, minOpen, maxOpen } = s.engine;
    // Whole numbers on the wire are safe integers: the seed's engine maximum (2^62) is the CLI's.
    const ends = [minOpen ? null : min, maxOpen || !Number.isSafeInteger(s.type === 'int' ? max : 0) ? null : max];
    for (const value of ends.filter((v) => v !== null)) {
      assert.equal(await codeOf('configure', { [name]: value }), 'ok', `configure ${name}: ${value}`);
    }
    const beyond = [minOpen ? min : null, maxOpen ? max : s.type === 'int' ? max + 1 : max * 1.5];
    for (const value of beyond.filter((v) => v !== null && (s.type !== 'int' || Number.isSafeInteger(v)))) {
      assert.match(await codeOf('configure', { [name]: value }), /^bad-input: /, `configure ${name}: ${value} is refused by the engine`);
    }
  }
  assert.match(await codeOf('loadCorpus', { text, minCount: 1, maxVocab: TRAINING_SETTINGS.maxVocab.engine.max + 1 }), /^bad-input: max vocab/);
  assert.equal(await codeOf('loadCorpus', { text, minCount: 1, maxVocab: TRAINING_SETTINGS.maxVocab.engine.max }), 'ok');
});

test('every default lies in its range, and the page asks only for what the engine takes', () => {
  for (const [name, s] of settings) {
    const sides = [['engine', s.engine], ['page', s.url || s.page ? pageSide(name) : null], ['lab', s.lab && { ...s.engine, ...s.lab }]];
    for (const [side, r] of sides) {
      if (!r) continue;
      if (s.type === 'choice') assert.ok(s.choices.includes(r.default), `${name}: the ${side} default is a choice`);
      else assert.ok(inside(r.default, r), `${name}: the ${side} default ${r.default} is in its range`);
      if (s.type === 'int') assert.ok(Number.isSafeInteger(r.default), `${name}: the ${side} default is whole`);
    }
    if (s.url && s.engine && s.type !== 'choice') {
      const page = pageSide(name);
      assert.ok(inside(page.min, s.engine) && inside(page.max, s.engine), `${name}: the page's range [${page.min}, ${page.max}] lies in the engine's`);
    }
    assert.ok(s.label && s.meaning?.endsWith('.'), `${name}: a label and a one-sentence meaning`);
  }
});

test("the protocol's requests take the declared settings with the declared defaults", () => {
  assert.deepEqual(Object.keys(Requests.configure), [...CONFIGURE_SETTINGS], '`configure` is made of the settings it carries');
  for (const [context, requests] of Object.entries(SETTING_REQUESTS)) {
    for (const request of requests) {
      const fields = Object.entries(Requests[request]).filter(([field]) => Object.hasOwn(TRAINING_SETTINGS, field));
      assert.ok(fields.length > 0, `${request} carries settings`);
      for (const [field, spec] of fields) {
        const declared = TRAINING_SETTINGS[field][context];
        assert.ok(declared, `${request}.${field}: the declaration has a ${context} default`);
        assert.equal(spec.fallback, declared.default, `${request}.${field}: the ${context} default`);
        const s = TRAINING_SETTINGS[field];
        // The protocol refuses what is not of the setting's kind; the engine, what is out of range.
        if (s.type === 'int') {
          assert.equal(spec.check(s.engine.min), null, `${request}.${field} takes the engine's least value`);
          assert.notEqual(spec.check(s.engine.min - 1), null, `${request}.${field} refuses less`);
          assert.notEqual(spec.check(1.5), null, `${request}.${field} refuses a fraction`);
        }
        if (s.type === 'choice') for (const choice of s.choices) assert.equal(spec.check(choice), null);
      }
    }
  }
});

test("the page's URL settings are the declared ones, with the page's defaults and ranges", () => {
  const urlKeys = PAGE_SETTINGS.map((name) => TRAINING_SETTINGS[name].url);
  const appKeys = Object.keys(appParams).filter((key) => urlKeys.includes(key));
  assert.deepEqual(appKeys, urlKeys, 'in declaration order');
  for (const name of PAGE_SETTINGS) {
    const s = TRAINING_SETTINGS[name];
    const param = appParams[s.url];
    const page = pageSide(name);
    assert.equal(param.default, page.default, `${s.url}: the page default`);
    if (s.type === 'choice') {
      for (const choice of s.choices) assert.equal(param.parse(String(choice)), choice, `${s.url}=${choice}`);
      assert.equal(param.parse('nonsense'), undefined);
      continue;
    }
    assert.equal(param.parse(String(page.min)), page.min, `${s.url}: its least value`);
    assert.equal(param.parse(String(page.max)), page.max, `${s.url}: its largest value`);
    const step = s.type === 'int' ? 1 : Math.max(1e-9, page.max * 1e-6);
    assert.equal(param.parse(String(page.max + step)), undefined, `${s.url}: above the page's range`);
    assert.equal(param.parse(String(page.min - step)), undefined, `${s.url}: below the page's range`);
  }
});

test('docs/protocol.md carries the current table of the settings', () => {
  const text = fs.readFileSync(docsFile, 'utf8');
  const section = text.slice(text.indexOf(BEGIN), text.indexOf(END) + END.length);
  assert.equal(section, settingsSection(), 'run: node scripts/training-settings-doc.mjs --write');
  // The table, read back: each row's engine and page defaults are the declared ones.
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  assert.equal(rows.length, settings.length);
  for (const row of rows) {
    const cells = row.split(' | ').map((cell) => cell.replace(/^\| |`/g, ''));
    const [name, , , , engineDefault, , pageDefault] = cells;
    const s = TRAINING_SETTINGS[name];
    assert.ok(s, `${name} is declared`);
    if (s.engine) assert.equal(engineDefault, String(s.engine.default), `${name}: the docs' engine default`);
    if (s.url || s.page) assert.equal(pageDefault, String(pageSide(name).default), `${name}: the docs' page default`);
  }
});

test("the requests table of docs/protocol.md shows the declared defaults", () => {
  const text = fs.readFileSync(docsFile, 'utf8');
  for (const [context, requests] of Object.entries(SETTING_REQUESTS)) {
    for (const request of requests) {
      const row = text.split('\n').find((line) => line.startsWith(`| \`${request}\` |`));
      assert.ok(row, `docs/protocol.md has a row for ${request}`);
      const fields = row.split(' | ')[1];
      for (const [, field, shown] of fields.matchAll(/(\w+)=([^,\s}]+)/g)) {
        if (!Object.hasOwn(TRAINING_SETTINGS, field)) continue;
        assert.equal(Number(shown), TRAINING_SETTINGS[field][context].default, `${request}: ${field}=${shown} in the docs`);
      }
    }
  }
});
