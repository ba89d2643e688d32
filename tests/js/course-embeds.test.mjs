// Course pages and classrooms, the page's side without a browser: the resize conventions the
// embed speaks, the learning events' xAPI shape, and the check-yourself questions' settings.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { KINDS, DEFAULT_CHECKS, questionFor } from '../../web/check-questions.js';
import { readHostReply, resizeMessages } from '../../web/embed-messages.js';
import { VERBS, isoDuration, lessonActivity, statement } from '../../web/learning-events.js';
import { FILTER_LIST, hiddenSentence } from '../../web/word-filter.js';

test('one height is said in every convention: Shelf, LTI (as JSON text) and H5P', () => {
  const m = resizeMessages(1234);
  assert.deepEqual(m.shelf, { type: 'shelf:height', height: 1234 });
  assert.equal(typeof m.lti, 'string');
  assert.deepEqual(JSON.parse(m.lti), { subject: 'lti.frameResize', height: 1234 });
  assert.deepEqual(m.h5pPrepare, { context: 'h5p', action: 'prepareResize', scrollHeight: 1234, clientHeight: 1234 });
  assert.deepEqual(m.h5pResize, { context: 'h5p', action: 'resize', scrollHeight: 1234 });
});

test('hosts\' replies are recognised (and nothing else is taken for one)', () => {
  assert.deepEqual(readHostReply({ context: 'h5p', action: 'hello' }), { host: 'h5p', action: 'hello' });
  assert.deepEqual(readHostReply({ subject: 'lti.frameResize.response' }), { host: 'lti', action: 'lti.frameResize.response' });
  assert.deepEqual(readHostReply('{"subject":"lti.fetchWindowSize.response","height":10}'), { host: 'lti', action: 'lti.fetchWindowSize.response' });
  for (const other of ['shelf:set', '{not json', null, [1], { type: 'shelf:set', settings: {} }, { subject: 'other' }, { context: 'h5p' }, 42]) {
    assert.equal(readHostReply(other), null, JSON.stringify(other));
  }
});

test('statements have a verb, the lesson as object, a result when there is one, and no actor', () => {
  const lesson = { id: 'analogy', title: 'Neighbours and analogies' };
  const made = statement('answered', lesson, { success: true, response: 'queen' }, new Date('2026-12-02T12:00:00Z'));
  assert.deepEqual(made.verb, { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } });
  assert.equal(made.object.objectType, 'Activity');
  assert.match(made.object.id, /\/index\.html\?lesson=analogy$/);
  assert.deepEqual(lessonActivity(lesson, 'https://example.org/shelf/embed.html?lesson=analogy&near=spain'), {
    objectType: 'Activity',
    id: 'https://example.org/shelf/index.html?lesson=analogy',
    definition: { name: { 'en-US': 'Neighbours and analogies' }, type: 'http://adlnet.gov/expapi/activities/lesson' },
  });
  assert.deepEqual(made.result, { success: true, response: 'queen' });
  assert.equal(made.timestamp, '2026-12-02T12:00:00.000Z');
  assert.equal('actor' in made, false);
  assert.equal('result' in statement('experienced', lesson), false);
  for (const verb of Object.values(VERBS)) assert.match(verb.id, /^http:\/\/adlnet\.gov\/expapi\/verbs\/[a-z]+$/);
  assert.equal(isoDuration(12.345), 'PT12.35S');
});

test('check-yourself questions: off by default, each lesson has one, authors choose the words', () => {
  const on = { check: true, checkWords: '', checkChoices: '' };
  for (const id of ['embedding', 'shelves', 'analogy', 'clusters', 'positions', 'retrieval']) {
    const question = questionFor({ id }, on);
    assert.ok(question, id);
    assert.ok(KINDS[question.kind], id);
    assert.ok(question.choices.length >= 2, id);
    assert.equal(questionFor({ id }, { ...on, check: false }), null);
  }
  assert.deepEqual(questionFor({ id: 'embedding' }, { check: true, checkWords: ' dog ', checkChoices: 'cat, lion ,,run' }),
    { kind: 'nearest', words: ['dog'], choices: ['cat', 'lion', 'run'] });
  assert.deepEqual(questionFor({ id: 'analogy' }, { check: true, checkWords: 'france,paris,italy', checkChoices: 'rome,milan' }),
    { kind: 'analogy', words: ['france', 'paris', 'italy'], choices: ['rome', 'milan'] });
  assert.equal(questionFor({ id: 'analogy' }, { check: true, checkWords: 'france,paris', checkChoices: '' }), null, 'an analogy needs three words');
  assert.equal(questionFor({ id: 'positions' }, on).choices.length, 2);
  // A lesson module's own question replaces the default.
  assert.deepEqual(questionFor({ id: 'clusters', check: { kind: 'nearest', words: ['cat'], choices: ['dog', 'lion'] } }, on),
    { kind: 'nearest', words: ['cat'], choices: ['dog', 'lion'] });
  assert.equal(questionFor({ id: 'no-such-lesson' }, on), null);
  assert.ok(Object.keys(DEFAULT_CHECKS).length >= 6);
});

test('the word filter\'s list is LDNOOBW\'s English list, and its count is said in words', () => {
  assert.ok(FILTER_LIST.length > 300);
  assert.ok(FILTER_LIST.includes('whore'));
  assert.equal(hiddenSentence({ listed: 279, hidden: 12, vocab: 20000 }), '12 words hidden');
  assert.equal(hiddenSentence({ listed: 279, hidden: 1, vocab: 20000 }), '1 word hidden');
  assert.equal(hiddenSentence({ listed: 0, hidden: 0, vocab: 20000 }), null);
});
