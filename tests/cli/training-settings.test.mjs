// `shelf train --help` (native and WebAssembly) shows the flag, the default and the range that
// wasm/training-settings.js declares for every training setting (the CLI takes them from the
// engine's TrainingParams{} and its table of settings, so this holds the engine's C++ against the page's
// declaration a second way; tests/js/training-settings.test.mjs does it through the bindings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { TRAINING_SETTINGS } from '../../wasm/training-settings.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const builds = [
  ['native', join(root, 'build', 'native', 'shelf'), (file) => spawnSync(file, ['train', '--help'], { encoding: 'utf8' })],
  ['wasm', join(root, 'build', 'wasm', 'shelf.js'), (file) => spawnSync(process.execPath, [file, 'train', '--help'], { encoding: 'utf8' })],
];
// Flags of the run rather than of the model: where to read and write, how many threads, output.
const RUN_FLAGS = ['--input', '--output', '--threads', '--json', '--quiet'];

for (const [name, file, run] of builds) {
  test(`shelf train --help (${name}) matches the declared settings`, { skip: existsSync(file) ? false : `no ${file}` }, () => {
    const out = run(file);
    assert.equal(out.status, 0, out.stderr);
    const lines = new Map(out.stdout.split('\n').filter((l) => l.startsWith('  --')).map((l) => [l.trim().split(' ')[0], l]));
    const declared = Object.values(TRAINING_SETTINGS).filter((s) => s.flag);
    assert.deepEqual(
      [...lines.keys()].filter((flag) => !RUN_FLAGS.includes(flag)).sort(),
      declared.map((s) => s.flag).sort(),
      'every training flag is declared, and every declared flag exists',
    );
    for (const s of declared) {
      const line = lines.get(s.flag);
      const shownDefault = line.match(/\(default (\S+)\)$/)?.[1];
      assert.ok(shownDefault !== undefined, `${s.flag} shows its default`);
      if (s.type === 'choice') {
        assert.equal(shownDefault, s.engine.default, `${s.flag}: default`);
        continue;
      }
      assert.equal(Number(shownDefault), s.engine.default, `${s.flag}: default ${shownDefault}, declared ${s.engine.default}`);
      const range = line.match(/([[(])(\S+), (\S+)([\])]) \(default/);
      assert.ok(range, `${s.flag} shows its range`);
      const [, open, min, max, close] = range;
      assert.deepEqual(
        [Number(min), Number(max), open === '(', close === ')'],
        [s.engine.min, s.engine.max, s.engine.minOpen ?? false, s.engine.maxOpen ?? false],
        `${s.flag}: range ${range[0]}`,
      );
    }
  });
}
