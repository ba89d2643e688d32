// Where the vectors come from: the bundled snapshot (trained by the `shelf` CLI when the site was
// built), the bundled corpus for live training, or the user's own files; and exporting what is
// loaded. Everything goes to the engine through its client; this module only fetches, reads
// files and keeps track of what the engine holds, in the store's `source`.
//
// data/manifest.json (written by scripts/build-site.sh) describes the bundled files:
//   { corpus: { name, title, file, license, bytes, words, maxVocab },
//     snapshot: { file, format, bytes, vocab, dim, settings } }
import { settingDefaults } from '../wasm/training-settings.js';

/** Largest vocabulary kept from a user's corpus: bounds memory and the time of a map. */
const USER_MAX_VOCAB = settingDefaults(['maxVocab'], 'page').maxVocab;

export function createData({ engine, store, base = new URL('./data/', document.baseURI) }) {
  let manifest = null;
  /** The corpus live training uses: the bundled one until the user opens their own. */
  let corpus = null; // { name, title, text?, url?, maxVocab }
  /** What the engine's corpus is now: `${name}|${minCount}`, or null. */
  let engineCorpus = null;
  let engineCorpusSummary = null;

  const busy = (message) => store.set({ busy: message });
  const bump = () => store.get().modelVersion + 1;

  async function loadManifest() {
    if (manifest) return manifest;
    const response = await fetch(new URL('manifest.json', base));
    if (!response.ok) throw new Error(`the bundled data is missing (data/manifest.json: HTTP ${response.status})`);
    manifest = await response.json();
    if (manifest.corpus) {
      corpus = {
        name: manifest.corpus.name,
        title: manifest.corpus.title,
        url: new URL(manifest.corpus.file, base),
        maxVocab: manifest.corpus.maxVocab ?? 0,
        bundled: true,
      };
    }
    return manifest;
  }

  /** Loads the bundled snapshot: the page's first usable embedding. */
  async function loadSnapshot() {
    await loadManifest();
    const { snapshot, corpus: bundled } = manifest;
    busy('Loading the bundled vectors…');
    try {
      const response = await fetch(new URL(snapshot.file, base));
      if (!response.ok) throw new Error(`the bundled vectors are missing (HTTP ${response.status})`);
      const bytes = await response.arrayBuffer();
      const summary = await engine.loadVectors(
        { bytes, name: bundled?.name ?? 'default', format: snapshot.format ?? 'auto' },
        { transfer: [bytes] },
      );
      store.set({
        source: {
          kind: 'snapshot',
          name: bundled?.title ?? 'bundled vectors',
          vocab: summary.vocab,
          dim: summary.dim,
          settings: snapshot.settings,
        },
        modelVersion: bump(),
      });
      return summary;
    } finally {
      busy(null);
    }
  }

  async function corpusText() {
    if (!corpus) await loadManifest();
    if (!corpus) throw new Error('there is no corpus to train on: open a .txt file');
    if (corpus.text === undefined) {
      const size = manifest?.corpus?.bytes ? ` (${(manifest.corpus.bytes / 1e6).toFixed(0)} MB)` : '';
      busy(`Downloading the corpus${size}…`);
      try {
        const response = await fetch(corpus.url).catch(() => {
          // Offline: the service worker keeps the corpus only once it has been downloaded.
          throw new Error(`the bundled corpus${size} could not be downloaded: the network is unreachable. ` +
            'Once it has been downloaded it is kept for training offline.');
        });
        if (!response.ok) throw new Error(`the bundled corpus is missing (HTTP ${response.status})`);
        corpus.text = await response.text();
      } finally {
        busy(null);
      }
    }
    return corpus.text;
  }

  /** Makes sure the engine holds the training corpus read with `minCount`; returns its summary. */
  async function ensureCorpus(minCount) {
    const key = `${corpus?.name}|${minCount}`;
    if (engineCorpus === key && corpus) return engineCorpusSummary;
    const text = await corpusText();
    busy('Reading the corpus…');
    try {
      engineCorpusSummary = await engine.loadCorpus({
        text, minCount, maxVocab: corpus.maxVocab, dim: store.get().dim, name: corpus.title ?? corpus.name,
      });
      engineCorpus = key;
      return engineCorpusSummary;
    } finally {
      busy(null);
    }
  }

  /**
   * Sorts dropped or picked files: returns what they are, or throws a sentence saying why not.
   * What a file holds is the engine's answer (`detectFormat`, the sniff of loadVectors 'auto');
   * the page only takes .bin, .vec and .q8 as meant to be vectors, so that the engine explains
   * what is wrong with a broken one instead of it being opened as a corpus.
   */
  async function classify(files) {
    const list = [...files];
    if (!list.length) throw new Error('no file was given');
    const tsv = list.filter((f) => /\.tsv$/i.test(f.name));
    if (tsv.length) {
      if (tsv.length !== 2 || list.length !== 2) {
        throw new Error('Projector vectors come as two files: pick vectors.tsv and metadata.tsv together');
      }
      const [first, second] = tsv;
      const metadataFirst = /meta/i.test(first.name) || (!/meta/i.test(second.name) && !(await detectFormat(first)).format);
      return { kind: 'projector', vectors: metadataFirst ? second : first, metadata: metadataFirst ? first : second };
    }
    if (list.length !== 1) throw new Error('open one file at a time (or the two Projector .tsv files)');
    const [file] = list;
    if (/\.(bin|vec|q8)$/i.test(file.name)) return { kind: 'vectors', file };
    const { format, text } = await detectFormat(file);
    if (format) return { kind: 'vectors', file };
    if (!text) throw new Error(`${file.name} is not text; word2vec binary files end in .bin`);
    return { kind: 'corpus', file };
  }

  /** The engine's `detectFormat` of a file's first megabyte, and whether its start is text (no NUL byte). */
  async function detectFormat(file) {
    const head = new Uint8Array(await file.slice(0, 1 << 20).arrayBuffer());
    const text = !head.subarray(0, 4096).includes(0);
    const { format } = await engine.detectFormat({ head, name: file.name }, { transfer: [head.buffer] });
    return { format, text };
  }

  /**
   * Asks the engine, before reading a file, whether it will fit in its memory. Throws an Error
   * whose `advice` (docs/protocol.md, estimateMemory) offers a part that fits: `openPart(advice)`.
   */
  async function requireMemory({ kind, file, bytes = file.size, format = 'auto', name = file.name }) {
    const s = store.get();
    const head = await file.slice(0, kind === 'corpus' ? 1 << 20 : 1 << 16).arrayBuffer();
    const advice = await engine.estimateMemory(
      { kind, bytes, head, name, dim: s.dim, minCount: s.minCount, maxVocab: kind === 'corpus' ? USER_MAX_VOCAB : 0, format },
      { transfer: [head] },
    );
    if (advice.fits) return;
    const error = new Error(advice.message);
    error.advice = { ...advice, kind, file, format };
    throw error;
  }

  /** Opens the part of a too-big file that its advice says fits: the start of a text, the first words of vectors. */
  async function openPart(advice) {
    const { file } = advice;
    if (advice.kind === 'corpus') {
      busy(`Reading the first ${(advice.sampleBytes / 1e6).toFixed(0)} MB of ${file.name}…`);
      let text;
      try {
        text = await file.slice(0, advice.sampleBytes).text();
      } finally {
        busy(null);
      }
      const end = text.lastIndexOf('\n');
      return openCorpusText(`${file.name} (first ${(advice.sampleBytes / 1e6).toFixed(0)} MB)`, end > 0 ? text.slice(0, end + 1) : text);
    }
    // The rows' share of the file, with room for rows longer than the average.
    const words = advice.estimate.words || 1;
    const bytes = Math.min(file.size, Math.ceil((file.size * advice.maxWords * 1.1) / words) + 65536);
    busy(`Reading the first ${advice.maxWords.toLocaleString('en-US')} words of ${file.name}…`);
    try {
      const part = await file.slice(0, bytes).arrayBuffer();
      const summary = await engine.loadVectors(
        { bytes: part, name: file.name, format: advice.format === 'projector' ? 'auto' : advice.format, maxWords: advice.maxWords },
        { transfer: [part] },
      );
      store.set({ source: { kind: 'vectors', name: file.name, ...summary }, modelVersion: bump() });
      return { kind: 'vectors', name: file.name, summary };
    } finally {
      busy(null);
    }
  }

  /** Opens the user's files; returns { kind, name, summary }. Errors carry a readable message. */
  async function openFiles(files) {
    const what = await classify(files);
    if (what.kind === 'projector') {
      await requireMemory({ kind: 'vectors', file: what.vectors, bytes: what.vectors.size + what.metadata.size, format: 'projector' });
      busy(`Reading ${what.vectors.name} and ${what.metadata.name}…`);
      try {
        const [vectorsTsv, metadataTsv] = await Promise.all([what.vectors.text(), what.metadata.text()]);
        const summary = await engine.loadVectors({ vectorsTsv, metadataTsv, name: what.vectors.name });
        store.set({ source: { kind: 'vectors', name: what.vectors.name, ...summary }, modelVersion: bump() });
        return { kind: 'vectors', name: what.vectors.name, summary };
      } finally {
        busy(null);
      }
    }
    if (what.kind === 'vectors') {
      await requireMemory({ kind: 'vectors', file: what.file });
      busy(`Reading ${what.file.name}…`);
      try {
        const bytes = await what.file.arrayBuffer();
        const summary = await engine.loadVectors({ bytes, name: what.file.name, format: 'auto' }, { transfer: [bytes] });
        store.set({ source: { kind: 'vectors', name: what.file.name, ...summary }, modelVersion: bump() });
        return { kind: 'vectors', name: what.file.name, summary };
      } finally {
        busy(null);
      }
    }
    await requireMemory({ kind: 'corpus', file: what.file });
    busy(`Reading ${what.file.name}…`);
    let text;
    try {
      text = await what.file.text();
    } finally {
      busy(null);
    }
    return openCorpusText(what.file.name, text);
  }

  /** Makes `text` the training corpus (the engine reads it at once, to report its size). */
  async function openCorpusText(name, text) {
    const previous = corpus;
    corpus = { name, title: name, text, maxVocab: USER_MAX_VOCAB, bundled: false };
    engineCorpus = null;
    try {
      const summary = await ensureCorpus(store.get().minCount);
      store.set({ source: { kind: 'corpus', name, vocab: summary.vocab, rawWords: summary.rawWords, dim: 0 }, modelVersion: bump() });
      return { kind: 'corpus', name, summary };
    } catch (error) {
      corpus = previous;
      throw error;
    }
  }

  /** Goes back to the bundled corpus and snapshot. */
  async function useBundled() {
    await loadManifest();
    if (manifest.corpus) {
      corpus = { name: manifest.corpus.name, title: manifest.corpus.title, url: new URL(manifest.corpus.file, base), maxVocab: manifest.corpus.maxVocab ?? 0, bundled: true };
    }
    engineCorpus = null;
    return loadSnapshot();
  }

  /** Downloads the current vectors: 'word2vec' (.vec) or 'projector' (two .tsv files). */
  async function exportVectors(format) {
    const source = store.get().source;
    const base = source?.kind === 'snapshot' ? 'default' : (source?.name ?? 'vectors').replace(/\.[a-z0-9]+$/i, '');
    const name = `shelf-${source?.kind === 'training' ? 'trained-' : ''}${base}`.replace(/[^\w.-]+/g, '-').slice(0, 80);
    busy('Preparing the download…');
    try {
      const result = await engine.exportVectors({ format });
      if (format === 'projector') {
        download(new Blob([result.vectorsTsv], { type: 'text/tab-separated-values' }), `${name}-vectors.tsv`);
        download(new Blob([result.metadataTsv], { type: 'text/tab-separated-values' }), `${name}-metadata.tsv`);
      } else {
        download(new Blob([result.bytes], { type: 'text/plain' }), `${name}.vec`);
      }
    } finally {
      busy(null);
    }
  }

  /** The engine let go of its corpus (training was cancelled): read it again next time. */
  function engineCorpusDropped() {
    engineCorpus = null;
    engineCorpusSummary = null;
  }

  /** The corpus as saved work keeps it: its text only when it is the user's. */
  function corpusForSaving() {
    if (!corpus) return null;
    return { name: corpus.name, title: corpus.title, bundled: corpus.bundled, text: corpus.bundled ? undefined : corpus.text };
  }

  /** Makes a saved user corpus the training corpus again, without loading it into the engine yet. */
  function restoreCorpus(saved) {
    if (!saved || saved.bundled || typeof saved.text !== 'string') return;
    corpus = { name: saved.name, title: saved.title ?? saved.name, text: saved.text, maxVocab: USER_MAX_VOCAB, bundled: false };
    engineCorpus = null;
  }

  return {
    engineCorpusDropped,
    corpusForSaving,
    openPart,
    restoreCorpus,
    loadManifest,
    loadSnapshot,
    ensureCorpus,
    openFiles,
    openCorpusText,
    useBundled,
    exportVectors,
    /** The text of the corpus live training uses (downloaded once); the contexts lesson reads it. */
    corpusText,
    /** The corpus live training uses: { name, title, bundled }. */
    get corpus() {
      return corpus && { name: corpus.name, title: corpus.title, bundled: corpus.bundled };
    },
    get manifest() {
      return manifest;
    },
    licenseUrl: () => (manifest?.corpus?.license ? new URL(manifest.corpus.license, base).href : null),
  };
}

function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
