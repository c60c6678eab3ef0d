// The reader bench's pure helpers (bench/reader.mjs): how Event Timing entries become key presses
// and figures, and how the figures meet their goals. No timing here: the bench itself is
// `node scripts/bench.mjs --only=reader`, never a test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONFIGS, hostPage, keyPressDurations, medianOf, readerBudgets, ROUND_KEYS, ROUNDS, typingFigures } from '../../bench/reader.mjs';

// Entries as Chromium's PerformanceObserver({ type: 'event', durationThreshold: 16 }) delivers
// them: durations in steps of 8 ms, keydown/keypress/keyup of one press sharing an interactionId,
// input events without one.
const entries = [
  { name: 'keydown', startTime: 1000.2, duration: 16, interactionId: 7001 },
  { name: 'keypress', startTime: 1000.9, duration: 24, interactionId: 7001 },
  { name: 'input', startTime: 1001.1, duration: 32, interactionId: 0 },
  { name: 'keyup', startTime: 1040.5, duration: 16, interactionId: 7001 },
  { name: 'keyup', startTime: 1180.0, duration: 40, interactionId: 7008 },
  { name: 'keydown', startTime: 1300.0, duration: 48, interactionId: 7015 },
  { name: 'input', startTime: 1300.4, duration: 16, interactionId: 0 },
];

test('key presses: one per interaction, its longest entry; an input event belongs to the keydown before it', () => {
  assert.deepEqual(
    keyPressDurations(entries).sort((a, b) => a - b),
    [32, 40, 48],
  );
  // Order of delivery does not matter.
  assert.deepEqual(
    keyPressDurations([...entries].reverse()).sort((a, b) => a - b),
    [32, 40, 48],
  );
  // An input event before any keydown has no press to belong to.
  assert.deepEqual(keyPressDurations([{ name: 'input', startTime: 5, duration: 64, interactionId: 0 }]), []);
});

test('typing figures: share over 16 ms, nearest-rank p95 and worst, presses without an entry under 16 ms', () => {
  const presses = ROUNDS * ROUND_KEYS.length;
  assert.equal(presses, 99);
  const few = typingFigures([32, 40, 48], presses);
  assert.equal(few.slow, 3);
  assert.equal(few.share, 3 / 99);
  assert.equal(few.p95, 0, '3 of 99 slow: the 95th percentile press is under a frame');
  assert.equal(few.worst, 48);
  assert.equal(few.inp, 40, 'for 99 presses INP skips the worst one');
  assert.equal(typingFigures([32, 40, 48], 49).inp, 48, 'under 50 presses INP is the worst');
  // 97 of 99 slow, as in the issue: p95 is the 95th of the sorted presses (ceil(0.95 * 99) = 95).
  const slow = Array.from({ length: 97 }, (_, i) => (i < 90 ? 24 : 40));
  const many = typingFigures(slow, presses);
  assert.equal(many.slow, 97);
  assert.equal(many.p95, 40);
  assert.equal(many.worst, 40);
  assert.ok(many.share > 0.97);
  const none = typingFigures([], presses);
  assert.deepEqual([none.slow, none.share, none.p95, none.worst, none.inp], [0, 0, 0, 0, 0]);
});

test('medians over runs skip a missing run and a missing field', () => {
  const m = medianOf([{ share: 0.1, p95: 24 }, null, { share: 0.3, p95: 32 }, { share: 0.2 }]);
  assert.equal(m.runs, 3);
  assert.equal(m.share, 0.2);
  assert.equal(m.p95, 24);
  assert.deepEqual(m.range.share, [0.1, 0.3]);
});

test('budgets: typing, first result after the first paint and CLS, pass or miss, never fail', () => {
  const page = (share, after, cls) => ({ typing: { widget: { share }, plain: { share: 0.05 } }, load: { afterFirstPaint: after, cls } });
  const rows = readerBudgets({ pages: { default: page(0.98, 120, 0.001), all: page(0.05, 40, 0.2) } });
  assert.equal(rows.length, 3 * CONFIGS.length);
  assert.deepEqual(
    rows.map((r) => r.pass),
    [false, true, false, true, true, false],
  );
  assert.equal(rows[0].value, '98 %');
  assert.match(rows[0].goal, /plain input beside it 5 %/);
  assert.deepEqual(readerBudgets({}), []);
});

test('the host page: a heading, the snippet in the article, a plain text input', () => {
  const snippet = '<script type="module" src="/dist/widget/sales-kpi-calculator.js"></script>\n<sales-kpi-calculator preset="inbound" style="display:block;min-height:1900px"></sales-kpi-calculator>';
  const html = hostPage({ title: 'post', snippet });
  assert.ok(html.includes(snippet));
  assert.match(html, /<input type="text" id="plain"/);
  assert.ok(html.indexOf('<h1>') < html.indexOf(snippet), 'the calculator comes after the heading, in the first screen');
});
