// One clustering as the clusters lesson shows it: a map of the words coloured by cluster, each
// cluster's zone and name drawn on it, a legend naming the clusters, the table view in its place
// when asked, and how the clusters agree with the labelled categories. Everything shown comes
// from one clusterWords reply of the engine (clusters, names, map points, purity, adjusted Rand).
import { h } from './dom.js';
import { renderAgreement, renderCategoryWords } from './cluster-agreement.js';
import { renderClusterTable, renderLegend } from './cluster-legend.js';
import { wordMap } from './word-map.js';

/**
 * @param {{ mapLabel: string, mapClass: string, statusRole: string, facts: { purity, ari },
 *   categories: object[], frequentLabels?: boolean|'zoomed' }} options
 */
export function clusterPanel({ mapLabel, mapClass, statusRole, facts, categories, frequentLabels = true }) {
  let shown = null; // { reply, topicOf }
  let pressed = null; // the cluster brought forward from the legend or by picking a word
  const status = h('p', { class: 'hint', role: 'status', 'data-role': statusRole });
  const map = wordMap({
    label: mapLabel,
    height: null,
    className: `cluster-map ${mapClass}`,
    frequentLabels,
    pickLabel: 'Bring its cluster forward',
    onPick: (index, word) => {
      if (!shown) return;
      const c = shown.reply.labels[index];
      press(c);
      status.textContent = pressed === c
        ? `“${word}” is in cluster ${c + 1} (${shown.reply.names[c]}), brought forward. Pick a word of it again to show all clusters.`
        : `All clusters shown again.`;
    },
  });
  const legendList = h('ol', { class: 'cluster-legend', 'aria-label': `Clusters of the ${mapLabel.toLowerCase()}` });
  const tableBox = h('div', { class: 'word-table-wrap cluster-table', hidden: true });
  const agreementBox = h('div', { class: 'cluster-scores', 'aria-live': 'polite' });
  const wordsBox = h('div', { class: 'category-results' });
  const keyText = h('p', { class: 'hint' },
    'Each cluster has a colour, a shape (● ■ ▲ ◆ ✚, repeating) and a zone with a dashed outline of its own, named by the words nearest its centre. ',
    'Hover a dot to name it; click or tap it to bring its cluster forward; zoom with the wheel, a pinch or the + and − buttons.');

  /** Brings cluster c forward, or all clusters back when it already is. */
  function press(c) {
    pressed = pressed === c ? null : c;
    map.setHighlight(pressed);
    for (const button of legendList.querySelectorAll('button')) {
      button.setAttribute('aria-pressed', Number(button.dataset.cluster) - 1 === pressed ? 'true' : 'false');
    }
  }

  const element = h('div', { class: `cluster-part ${mapClass}-part` },
    status,
    h('div', { class: 'cluster-layout' },
      h('div', { class: 'cluster-main' }, map.element, tableBox, keyText),
      h('div', { class: 'cluster-side' }, h('h4', null, 'The clusters'), legendList)),
    agreementBox,
    wordsBox);

  return {
    element,
    status,
    map,
    /** Shows a clusterWords reply; topicOf[i]: the category number of reply.words[i], or -1. */
    show({ reply, topicOf, marks = [], description, tooltip, missing = [], outside = [] }) {
      shown = { reply, topicOf };
      if (pressed !== null && pressed >= reply.k) pressed = null;
      map.setGroups(reply.labels, { count: reply.k, names: reply.names, zones: true });
      map.setData(reply.words, reply.points, { duration: 0, description, tooltip });
      map.setMarks(marks);
      map.setHighlight(pressed);
      renderLegend(legendList, {
        reply,
        pressed,
        onPress: (c) => press(c),
        onPreview: (c) => map.setHighlight(c ?? pressed),
      });
      renderClusterTable(tableBox, { reply });
      renderAgreement(agreementBox, { reply, topicOf, categories, facts });
      renderCategoryWords(wordsBox, { reply, topicOf, categories, missing, outside });
    },
    setMarks(marks) {
      map.setMarks(marks);
    },
    /** The table in place of the map, or the map. */
    setView(view) {
      const table = view === 'table';
      map.element.hidden = table;
      keyText.hidden = table;
      tableBox.hidden = !table;
    },
    destroy() {
      map.destroy();
    },
  };
}
