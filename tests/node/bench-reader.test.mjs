// The reader bench's pure helpers (bench/reader.mjs): how Event Timing entries become key presses
// and figures, and how the figures meet their goals. No timing here: the bench itself is
// `node scripts/bench.mjs --only=reader`, never a test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONFIGS, FRAME_PARTS, frameFigures, hostPage, keyPressDurations, MARK, medianOf, readerBudgets, resultsFrames, ROUND_KEYS, ROUNDS, STYLES, typingFigures } from '../../bench/reader.mjs';

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

test('budgets: typing per style, results frame, first result after the first paint and CLS, pass or miss, never fail', () => {
  const typing = (widget) => Object.fromEntries(STYLES.map((s, i) => [s.name, { widget: { share: widget[i] }, plain: { share: 0.05 } }]));
  const page = (shares, p95, after, cls) => ({ typing: typing(shares), frames: { both: { p95 } }, load: { afterFirstPaint: after, cls } });
  const rows = readerBudgets({ pages: { default: page([0.98, 0.1], 7.9, 120, 0.001), all: page([0.05, 0.5], 8.1, 40, 0.2) } });
  assert.equal(rows.length, (STYLES.length + 3) * CONFIGS.length);
  assert.deepEqual(
    rows.map((r) => r.pass),
    // held: default, all; released: default, all; results frame; first result; CLS
    [false, true, true, false, true, false, false, true, true, false],
  );
  assert.equal(rows[0].value, '98 %');
  assert.match(rows[0].goal, /plain input beside it 5 %/);
  assert.equal(rows[4].value, '7.9 ms');
  assert.deepEqual(readerBudgets({}), []);
  // A configuration without results frames has no figure, neither pass nor miss.
  assert.equal(readerBudgets({ pages: { default: page([0, 0], NaN, 10, 0) } })[4].pass, null);
});

// A trace as Chromium writes it (complete events, µs): the renderer main thread (pid 1, tid 7)
// runs a key press's task, then the results frame, whose animation-frame callback changes the
// shadow DOM twice (two marks), forces a layout, then the frame's style, layout, paint, commit.
const X = (name, ts, dur, tid = 7) => ({ name, ph: 'X', ts, dur, pid: 1, tid });
const mark = (ts, tid = 7) => ({ name: MARK, ph: 'I', ts, pid: 1, tid });
const trace = [
  X('RunTask', 1000, 3000),
  X('EventDispatch', 1010, 2500),
  X('RunTask', 20_000, 6000),
  X('ThreadControllerImpl::RunTask', 20_001, 5998),
  X('FireAnimationFrame', 20_100, 3000),
  X('FunctionCall', 20_150, 2900),
  X('Layout', 21_000, 500), // forced by the script
  mark(22_000),
  mark(22_900),
  X('UpdateLayoutTree', 23_200, 400),
  X('Layout', 23_700, 1000),
  X('PrePaint', 24_800, 200),
  X('Paint', 25_000, 300),
  X('Paint', 25_050, 100), // nested: counted once
  X('Commit', 25_400, 500),
  // A mark in a task without animation frames (a timer): not a results frame.
  X('RunTask', 40_000, 2000),
  X('TimerFire', 40_010, 1900),
  mark(40_500),
  // Another thread's events do not count.
  X('RunTask', 19_000, 9000, 9),
  X('FireAnimationFrame', 19_500, 8000, 9),
];

test('results frames: the top-level task holding a mark and an animation frame, once, split by self time', () => {
  const frames = resultsFrames(trace);
  assert.equal(frames.length, 1);
  const [f] = frames;
  assert.equal(f.ms, 6);
  assert.equal(f.ts, 20_000);
  assert.deepEqual(f.parts, { script: 2.5, style: 0.4, layout: 1.5, paint: 0.5, commit: 0.5, other: 0.6 });
  const sum = FRAME_PARTS.reduce((s, p) => s + f.parts[p], 0);
  assert.ok(Math.abs(sum - f.ms) < 1e-9, 'the parts add up to the frame');
  assert.deepEqual(resultsFrames(trace.filter((e) => e.name !== MARK)), []);
  // Delivered in any order.
  assert.deepEqual(resultsFrames([...trace].reverse()), frames);
});

test('frame figures: percentiles of the frames and the median of each part', () => {
  const frames = Array.from({ length: 20 }, (_, i) => ({ ms: i + 1, parts: { script: i, style: 1, layout: 0, paint: 0, commit: 0, other: 0 } }));
  const f = frameFigures(frames);
  assert.equal(f.frames, 20);
  assert.equal(f.p50, 10);
  assert.equal(f.p95, 19);
  assert.equal(f.max, 20);
  assert.equal(f.script, 9);
  assert.equal(f.style, 1);
  const none = frameFigures([]);
  assert.equal(none.frames, 0);
  assert.ok(Number.isNaN(none.p95));
});

test('the host page: a heading, the snippet in the article, a plain text input', () => {
  const snippet = '<script type="module" src="/dist/widget/sales-kpi-calculator.js"></script>\n<sales-kpi-calculator preset="inbound" style="display:block;min-height:1900px"></sales-kpi-calculator>';
  const html = hostPage({ title: 'post', snippet });
  assert.ok(html.includes(snippet));
  assert.match(html, /<input type="text" id="plain"/);
  assert.ok(html.indexOf('<h1>') < html.indexOf(snippet), 'the calculator comes after the heading, in the first screen');
});
