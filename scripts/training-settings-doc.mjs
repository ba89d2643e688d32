// The "Training settings" table of docs/protocol.md, made from wasm/training-settings.js.
//   node scripts/training-settings-doc.mjs           prints the section
//   node scripts/training-settings-doc.mjs --write   puts it into docs/protocol.md (between its markers)
// tests/js/training-settings.test.mjs fails when the section in the docs is not the current one.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { TRAINING_SETTINGS, pageSide } from '../wasm/training-settings.js';

export const BEGIN = '<!-- training settings: made by scripts/training-settings-doc.mjs from wasm/training-settings.js; do not edit by hand -->';
export const END = '<!-- end of training settings -->';
export const docsFile = fileURLToPath(new URL('../docs/protocol.md', import.meta.url));

const code = (text) => `\`${text}\``;
/** A number as it is (2^62 as 4611686018427387904, not 4611686018427388000). */
const number = (v) => (Number.isInteger(v) && !Number.isSafeInteger(v) ? BigInt(v).toString() : String(v));
const value = (v) => (v === undefined ? '—' : typeof v === 'string' ? code(v) : number(v));
/** `[1, 4096]`, `(0, 10]`, or the choices `a` \| `b`. */
function range(setting, side) {
  if (setting.type === 'choice') return setting.choices.map(value).join(' \\| ');
  if (!side || side.min === undefined) return '—';
  return `${side.minOpen ? '(' : '['}${number(side.min)}, ${number(side.max)}${side.maxOpen ? ')' : ']'}`;
}

/** The section, from its opening marker to its closing one. */
export function settingsSection() {
  const rows = Object.entries(TRAINING_SETTINGS).map(([name, s]) => {
    const page = s.url || s.page ? pageSide(name) : undefined;
    return [
      code(name), s.url ? code(s.url) : '—', s.flag ? code(s.flag) : '—', s.configure ? 'yes' : '—',
      value(s.engine?.default), s.engine ? range(s, s.engine) : '—',
      value(page?.default), s.url ? range(s, page) : '—',
      value(s.lab?.default), s.meaning,
    ];
  });
  const why = Object.entries(TRAINING_SETTINGS)
    .filter(([, s]) => s.page?.why)
    .map(([name, s]) => `- ${code(name)}: ${s.page.why}.`);
  return [
    BEGIN,
    '| setting | URL | `shelf train` | in `configure` | engine default | engine range | page default | page range | contexts lesson | meaning |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
    '',
    'Where the page differs from the engine, and why:',
    ...why,
    END,
  ].join('\n');
}

/** docs/protocol.md with its section replaced by `section`. */
export function withSection(text, section = settingsSection()) {
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`docs/protocol.md has no section between ${BEGIN} and ${END}`);
  return text.slice(0, begin) + section + text.slice(end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--write')) writeFileSync(docsFile, withSection(readFileSync(docsFile, 'utf8')));
  else console.log(settingsSection());
}
