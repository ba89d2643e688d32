// "Your own data": open (or drop anywhere on the page) a corpus or a vectors file, go back to the
// bundled vectors, download what is loaded. File names and contents are only ever shown as text.
import { format, h, uid } from './dom.js';

/**
 * @param {{ store, data, onCorpus: (result) => void }} options onCorpus runs after a corpus
 *   was opened (the app starts a training run for it)
 */
export function dataPanel({ store, data, onCorpus }) {
  const inputId = uid('file');
  const input = h('input', { id: inputId, type: 'file', multiple: true, accept: '.txt,.vec,.bin,.tsv,text/plain' });
  const message = h('p', { class: 'data-message', role: 'status', 'aria-live': 'polite' });
  const current = h('p', { class: 'data-current' });
  const license = h('a', { href: '#', hidden: true, target: '_blank', rel: 'noopener' }, 'licence');
  const exportVec = h('button', { type: 'button', class: 'secondary', onclick: () => run(() => data.exportVectors('word2vec')) }, 'Download .vec');
  const exportTsv = h(
    'button',
    { type: 'button', class: 'secondary', onclick: () => run(() => data.exportVectors('projector')) },
    'Download for the Projector (2 .tsv files)',
  );
  const bundled = h(
    'button',
    { type: 'button', class: 'secondary', onclick: () => run(async () => {
      await data.useBundled();
      say('Back to the bundled vectors.');
    }) },
    'Back to the bundled vectors',
  );

  const element = h(
    'details',
    { class: 'data-panel' },
    h('summary', null, 'Data: the corpus, your own files, downloads'),
    h(
      'div',
      { class: 'data-body' },
      current,
      h(
        'div',
        { class: 'field' },
        h('label', { for: inputId }, 'Open a corpus (.txt) or vectors (.vec, .bin, GloVe .txt, or the two Projector .tsv files)'),
        input,
        h('span', { class: 'hint' }, 'You can also drop files anywhere on the page. They stay in your browser.'),
      ),
      h('div', { class: 'row' }, exportVec, exportTsv, bundled),
      message,
    ),
  );

  function say(text, problem = false) {
    message.textContent = problem ? `⚠ ${text}` : text;
    message.classList.toggle('is-problem', problem);
  }

  async function run(action) {
    try {
      await action();
    } catch (error) {
      say(error.message, true);
      if (error.advice) offerPart(error.advice);
    }
  }

  // A file too big for the engine's memory: offer the part of it that fits.
  function offerPart(advice) {
    const label = advice.kind === 'corpus'
      ? advice.sampleBytes > 0 && `Train on the first ${format.int(advice.sampleBytes / 1e6)} MB`
      : advice.maxWords > 0 && `Load the first ${format.int(advice.maxWords)} words`;
    if (!label) return;
    const button = h('button', { type: 'button', class: 'secondary', 'data-role': 'open-part' }, label);
    button.addEventListener('click', () => run(async () => {
      const result = await data.openPart(advice);
      say(`Opened ${result.name}: ${format.int(result.summary.vocab)} words.`);
      if (result.kind === 'corpus') onCorpus?.(result);
    }));
    message.append(' ', button);
  }

  async function open(files) {
    await run(async () => {
      const result = await data.openFiles(files);
      if (result.kind === 'corpus') {
        say(
          `Opened ${result.name}: ${format.int(result.summary.rawWords)} words, ${format.int(result.summary.vocab)} in the vocabulary. ` +
            'Train it on “The library shelves”.',
        );
        onCorpus?.(result);
      } else {
        say(`Opened ${result.name}: ${format.int(result.summary.vocab)} words × ${result.summary.dim} dimensions.`);
      }
    });
    input.value = '';
  }

  input.addEventListener('change', () => input.files.length && open(input.files));

  // Dropping files anywhere on the page opens them.
  const onDragOver = (event) => {
    if (![...(event.dataTransfer?.types ?? [])].includes('Files')) return;
    event.preventDefault();
    document.body.classList.add('is-dropping');
  };
  const onDragLeave = (event) => {
    if (!event.relatedTarget) document.body.classList.remove('is-dropping');
  };
  const onDrop = (event) => {
    if (!event.dataTransfer?.files?.length) return;
    event.preventDefault();
    document.body.classList.remove('is-dropping');
    element.open = true;
    open(event.dataTransfer.files);
  };
  addEventListener('dragover', onDragOver);
  addEventListener('dragleave', onDragLeave);
  addEventListener('drop', onDrop);

  function render(state) {
    const s = state.source;
    const corpus = data.corpus;
    current.textContent = s
      ? `Now: ${s.kind === 'snapshot' ? 'the bundled vectors' : s.kind === 'training' ? 'vectors trained live on this page' : s.kind === 'corpus' ? 'your corpus, not trained yet' : s.kind === 'saved' ? 'your saved work' : 'vectors from your file'}` +
        ` (${s.name}). Live training uses ${corpus ? (corpus.bundled ? `the bundled corpus, ${corpus.title}` : `your corpus, ${corpus.name}`) : 'no corpus yet'}.`
      : 'Loading…';
    const url = data.licenseUrl();
    if (url && license.hidden) {
      license.href = url;
      license.hidden = false;
      const bundled = data.manifest?.corpus;
      const millions = (n) => `${(n / 1e6).toFixed(1)} million`;
      // The snapshot is trained on the whole corpus; the page downloads only its first part.
      const part = bundled?.whole
        ? ` Live training uses the first ${millions(bundled.words)} words of the corpus the snapshot was trained on (${millions(bundled.whole.words)} words, its lines mixed in a fixed order so any start of it is a fair sample).`
        : '';
      current.after(h('p', { class: 'hint' }, `The bundled corpus: ${bundled?.title ?? 'see its'} (`, license, `).${part}`));
    }
    const noVectors = !s || s.kind === 'corpus';
    exportVec.disabled = noVectors;
    exportTsv.disabled = noVectors;
  }
  render(store.get());
  store.subscribe(render, ['source']);

  return { element, open };
}
