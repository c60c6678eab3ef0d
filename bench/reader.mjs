// The reader part of the bench (`node scripts/bench.mjs --only=reader`): what a reader of a blog
// post feels, measured the way Chrome's INP, FCP and CLS are, in headless Chromium.
//
// The host page is a blog post: a header with a plain <input type=text> (a search box), a heading,
// a paragraph, the calculator in the first screen in the builder's HTML-snippet form (the dist/
// module and the reserved height, written by www/builder-snippets.js for a 700 px column), then
// paragraphs of text. Two such pages: the default embed (preset inbound, default sections) and
// every section on (sections="all"), and a control page without the calculator (only its plain
// input is typed into). Each run opens each page in a new browser context (empty cache) and
// measures:
//   - load: navigation -> first result painted, the page's first paint and first contentful
//     paint (the host's own first paint), first result minus FCP, and the CLS at load (layout
//     shifts without recent input, summed until the widget has settled: no change in its shadow
//     DOM for 500 ms after the first result);
//   - typing, in two styles (STYLES), each a session of 99 key presses, first into the
//     calculator's deal value field, then into the plain input:
//       * held: each key held 60 ms (keydown, 60 ms, keyup), 80–120 ms from a keyup to the next
//         keydown: a person typing at a steady pace;
//       * released: keydown then keyup at once (one CDP round trip apart, a few ms), the next key
//         80–120 ms after: a fast typist's rollover, 8–12 keys a second. Overlapping presses were
//         not chosen: a keydown while the last key is still down is the same pair of events to
//         the page, only later in time; this style presses the keys as close together as a fast
//         typist does, so the results frame of one key is the nearest to the next key.
//     Event Timing entries (PerformanceObserver type 'event', durationThreshold 16, the API INP
//     is built on): a key press's duration is the longest entry of its interaction (keydown,
//     keypress, keyup, and the input events it caused); presses with no entry stayed under 16 ms.
//   - the results frame's main-thread work: a Chromium trace of each typing session (CDP
//     Tracing through Playwright's browser.startTracing, categories TRACE_CATEGORIES, without
//     the JS sampler). The page marks (performance.mark, MARK) every change in the widget's
//     shadow DOM; the results frame of a key press is the renderer main thread's top-level task
//     (RunTask) that holds such a mark and runs animation-frame callbacks: its duration is the
//     frame's main-thread work (the widget's requestAnimationFrame callback with compute,
//     update and charts, then style, layout, pre-paint, paint, layerize and commit), split by
//     resultsFrames() into script, style, layout, paint and commit by self time. (The Long
//     Animation Frames API would say the same, but only of frames over 50 ms.) The control's
//     plain input is traced alike, so both sides pay the tracing's overhead.
// Figures are medians over runs. They are benchmark figures, never timed tests.
//
// Selectors relied on (the widget's test hooks and accessible names, not its class names):
//   - the element: `sales-kpi-calculator` with an open shadow root;
//   - the first result: `[data-result="/funnel/revenue"]` carrying a `data-value`, or, if no
//     `[data-result]` exists at all, any `[part~="value"]` whose text has a digit;
//   - the typed field: `input[data-field="/funnel/dealSize"]`, or else the textbox named
//     "Average deal value" (its English label) inside the element.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { embedEntry, ROOT } from './bytes.mjs';
import { lpad, pad } from './table.mjs';
import { median, percentile } from './timing.mjs';

const WWW = join(ROOT, 'www');
const REVENUE = '[data-result="/funnel/revenue"]';
/** The prefix of the PROBE's console messages to the bench. */
const SIGNAL = '__skc-bench ';
const DEAL_FIELD = 'input[data-field="/funnel/dealSize"]';
const DEAL_LABEL = /average deal value/i;
/** The article column the builder offers by default; the widget's reservation follows it. */
const COLUMN = 700;
/** Chromium reports event durations rounded to 8 ms. */
export const EVENT_GRAIN_MS = 8;
/** A key press "reaches a frame" when its event duration is at least this. */
export const FRAME_MS = 16;

/** The configurations with a calculator: name, label, the snippet's attributes (as the builder orders them). */
export const CONFIGS = [
  { name: 'default', label: 'default embed', attributes: [['preset', 'inbound']] },
  { name: 'all', label: 'every section on', attributes: [['preset', 'inbound'], ['sections', 'all']] },
];
/**
 * The control: the same post without the calculator, where only the plain input is typed into.
 * It tells what the machine and the browser cost a key press by themselves (on a loaded machine,
 * a lot) from what the calculator on the page adds to the host's own input.
 */
export const CONTROL = { name: 'none', label: 'no calculator on the page', attributes: null };

/**
 * What one person types into a number field: 9 rounds of "12345", three Backspaces, "678"
 * (11 presses each, 99 in all); before each round the field's text is selected without a key.
 */
export const ROUNDS = 9;
export const ROUND_KEYS = ['1', '2', '3', '4', '5', 'Backspace', 'Backspace', 'Backspace', '6', '7', '8'];

/**
 * How the keys are pressed (see the head of this file): held 60 ms, or released at once. Either
 * way 80–120 ms pass from a key's release to the next key.
 */
export const STYLES = [
  { name: 'held', label: 'keys held 60 ms', holdMs: 60 },
  { name: 'released', label: 'keys released at once', holdMs: 0 },
];

/** The performance mark the page sets on every change in the widget's shadow DOM. */
export const MARK = 'skc-results';
/** Enough for the renderer's tasks, frames, style, layout and paint, and the page's marks; no JS sampler. */
export const TRACE_CATEGORIES = ['-*', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];
/** The parts a results frame's main-thread time is split into. */
export const FRAME_PARTS = ['script', 'style', 'layout', 'paint', 'commit', 'other'];
/** Trace events that start a part; what they call belongs to it too, unless it starts another part. */
const PART_OF = {
  FireAnimationFrame: 'script',
  FunctionCall: 'script',
  EventDispatch: 'script',
  TimerFire: 'script',
  RunMicrotasks: 'script',
  EvaluateScript: 'script',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  Commit: 'commit',
};

// ---------------------------------------------------------------- pure helpers (tested in Node)

/**
 * Groups Event Timing entries into key presses. Entries with an interactionId (keydown,
 * keypress, keyup) group by it; entries without one (input, beforeinput) belong to the last
 * keydown that started at or before them. Returns the duration of each press that has an entry:
 * the longest of its entries.
 * @param {{ name: string, startTime: number, duration: number, interactionId?: number }[]} entries
 * @returns {number[]}
 */
export function keyPressDurations(entries) {
  const sorted = [...entries].sort((a, b) => a.startTime - b.startTime);
  const byId = new Map();
  let lastId = 0;
  for (const e of sorted) {
    let id = e.interactionId || 0;
    if (id && e.name === 'keydown') lastId = id;
    if (!id) id = lastId;
    if (!id) continue;
    byId.set(id, Math.max(byId.get(id) ?? 0, e.duration));
  }
  return [...byId.values()];
}

/**
 * The figures of one typing session: `presses` key presses, of which those in `durations` had an
 * event duration of at least 16 ms (the others count as under 16 ms, reported as 0).
 * Returns { presses, slow, share, p95, worst, inp } in ms (0 when under 16 ms); `inp` as Chrome
 * picks it: the worst press, skipping one for every 50 presses (for 99, the second worst).
 * @param {number[]} durations @param {number} presses
 */
export function typingFigures(durations, presses) {
  const slowOnes = durations.filter((d) => d >= FRAME_MS);
  const all = [...slowOnes, ...Array(Math.max(0, presses - slowOnes.length)).fill(0)];
  return {
    presses,
    slow: slowOnes.length,
    share: presses ? slowOnes.length / presses : NaN,
    p95: percentile(all, 95),
    worst: all.length ? Math.max(...all) : NaN,
    inp: all.length ? [...all].sort((a, b) => b - a)[Math.min(all.length - 1, Math.floor(presses / 50))] : NaN,
  };
}

/**
 * The results frames in a Chromium trace: each renderer main-thread top-level task (`RunTask`)
 * that holds a `mark` and runs animation-frame callbacks (`FireAnimationFrame`), once however
 * many marks it holds. Its time is split by self time into FRAME_PARTS: an event's own time (its
 * duration less its children's) goes to the part it starts (PART_OF), else to its parent's, and
 * the task's own to `other`; a forced layout inside a script counts as layout.
 * Returns [{ ts (µs, trace clock), ms, parts: { script, style, … } in ms }] in time order.
 * @param {{ name: string, ph: string, ts: number, dur?: number, pid: number, tid: number }[]} events
 * @param {string} [mark]
 */
export function resultsFrames(events, mark = MARK) {
  const marks = events.filter((e) => e.name === mark);
  const byThread = new Map();
  const threadOf = (m) => {
    const key = `${m.pid}:${m.tid}`;
    if (!byThread.has(key)) {
      const list = events.filter((e) => e.ph === 'X' && e.pid === m.pid && e.tid === m.tid);
      byThread.set(key, list.sort((x, y) => x.ts - y.ts || y.dur - x.dur));
    }
    return byThread.get(key);
  };
  const frames = new Map();
  for (const m of marks) {
    const thread = threadOf(m);
    const task = thread.filter((e) => e.name === 'RunTask' && e.ts <= m.ts && m.ts <= e.ts + e.dur).sort((x, y) => y.dur - x.dur)[0];
    if (!task || frames.has(task)) continue;
    const inside = thread.filter((e) => e !== task && e.ts >= task.ts && e.ts < task.ts + task.dur);
    if (!inside.some((e) => e.name === 'FireAnimationFrame')) continue;
    const parts = Object.fromEntries(FRAME_PARTS.map((p) => [p, 0]));
    /** @type {{ end: number, part: string, self: number }[]} */
    const stack = [{ end: task.ts + task.dur, part: 'other', self: task.dur }];
    const close = (frame) => (parts[frame.part] += Math.max(0, frame.self));
    for (const e of inside) {
      while (stack.length > 1 && stack[stack.length - 1].end <= e.ts) close(stack.pop());
      const parent = stack[stack.length - 1];
      const end = Math.min(e.ts + e.dur, parent.end);
      parent.self -= end - e.ts;
      stack.push({ end, part: PART_OF[e.name] ?? parent.part, self: end - e.ts });
    }
    while (stack.length) close(stack.pop());
    for (const p of FRAME_PARTS) parts[p] /= 1000;
    frames.set(task, { ts: task.ts, ms: task.dur / 1000, parts });
  }
  return [...frames.values()].sort((x, y) => x.ts - y.ts);
}

/**
 * The figures of one session's results frames: { frames, p50, p95, max } of their main-thread
 * time and the median of each part (FRAME_PARTS), in ms; `frames` 0 and the rest NaN without one.
 * @param {{ ms: number, parts: Record<string, number> }[]} frames
 */
export function frameFigures(frames) {
  const ms = frames.map((f) => f.ms);
  return {
    frames: frames.length,
    p50: median(ms),
    p95: percentile(ms, 95),
    max: ms.length ? Math.max(...ms) : NaN,
    ...Object.fromEntries(FRAME_PARTS.map((p) => [p, median(frames.map((f) => f.parts[p]))])),
  };
}

/**
 * Medians of the numeric fields of several runs' figure objects (fields missing in a run are
 * skipped), with each field's [min, max] over the runs in `range`.
 */
export function medianOf(runs) {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r ?? {})))];
  const out = { range: {} };
  for (const k of keys) {
    const values = runs.map((r) => r?.[k]).filter(Number.isFinite);
    out[k] = values.length ? median(values) : null;
    if (values.length) out.range[k] = [Math.min(...values), Math.max(...values)];
  }
  out.runs = runs.filter(Boolean).length;
  return out;
}

/** "12" or "12 (10–14)": a median and, when the runs differ, their range. @param {any} m @param {string} k @param {(x: number) => string} f */
const withRange = (m, k, f) => {
  const [lo, hi] = m.range?.[k] ?? [];
  return lo === undefined || lo === hi ? f(m[k]) : `${f(m[k])} (${f(lo)}–${f(hi)})`;
};

/** "< 16 ms" for a duration under one frame (not reported by Event Timing), else "24 ms". */
export const fmtEventMs = (ms) => (ms == null || !Number.isFinite(ms) ? 'n/a' : ms < FRAME_MS ? `< ${FRAME_MS} ms` : `${Math.round(ms)} ms`);
const pct = (x) => (x == null || !Number.isFinite(x) ? 'n/a' : `${(x * 100).toFixed(0)} %`);

/**
 * Issue #20: at most 10 % of key presses at 16 ms or more in either style, the results frame's
 * main-thread work at most 8 ms at p95 with every section on, the first result at most 100 ms
 * after the host's first contentful paint (aim 50), no layout shift at load.
 */
export const READER_GOALS = { slowKeyShare: 0.1, resultsFrameP95Ms: 8, afterFirstPaintMs: 100, afterFirstPaintAimMs: 50, cls: 0.05 };

/**
 * Budget rows for the printed table and bench.json: typing share per style and configuration,
 * the results frame's p95 per configuration (both styles' frames together), first result after
 * the host's first paint, CLS at load. Same shape as the other budget rows.
 * @param {any} reader the `reader` object of bench.json
 */
export function readerBudgets(reader) {
  if (!reader?.pages) return [];
  const rows = [];
  const g = READER_GOALS;
  for (const style of STYLES) {
    for (const { name, label } of CONFIGS) {
      const typing = reader.pages[name]?.typing?.[style.name];
      const t = typing?.widget;
      const control = reader.pages.none?.typing?.[style.name]?.plain;
      rows.push({
        what: `key presses ≥ 16 ms, ${style.label}, ${label}`,
        value: t?.share != null ? pct(t.share) : null,
        goal: `≤ ${pct(g.slowKeyShare)} (plain input beside it ${pct(typing?.plain?.share)}, on a page without it ${pct(control?.share)})`,
        pass: t?.share != null ? t.share <= g.slowKeyShare : null,
      });
    }
  }
  for (const { name, label } of CONFIGS) {
    const f = reader.pages[name]?.frames?.both;
    const ok = f?.p95 != null && Number.isFinite(f.p95);
    rows.push({
      what: `results frame p95 (main thread), ${label}`,
      value: ok ? `${f.p95.toFixed(1)} ms` : null,
      goal: `≤ ${g.resultsFrameP95Ms} ms`,
      pass: ok ? f.p95 <= g.resultsFrameP95Ms : null,
    });
  }
  for (const { name, label } of CONFIGS) {
    const l = reader.pages[name]?.load;
    rows.push({
      what: `first result − host's FCP, ${label}`,
      value: l?.afterFirstPaint != null ? `${l.afterFirstPaint.toFixed(0)} ms` : null,
      goal: `≤ ${g.afterFirstPaintMs} ms (aim ${g.afterFirstPaintAimMs})`,
      pass: l?.afterFirstPaint != null ? l.afterFirstPaint <= g.afterFirstPaintMs : null,
    });
  }
  for (const { name, label } of CONFIGS) {
    const l = reader.pages[name]?.load;
    rows.push({ what: `CLS at load, ${label}`, value: l?.cls != null ? l.cls.toFixed(4) : null, goal: `≤ ${g.cls}`, pass: l?.cls != null ? l.cls <= g.cls : null });
  }
  return rows;
}

// ---------------------------------------------------------------- the pages

// Runs before anything else in the page (an init script): records paint, layout-shift and event
// entries, and marks when the first result is in the shadow DOM, the frame after it painted, and
// the last change in the shadow DOM.
const PROBE = `(() => {
  const b = (window.__skcReader = { paint: {}, shifts: [], events: [], marks: {}, lastMutation: 0, error: null });
  const observe = (type, opts, fn) => { try { new PerformanceObserver((l) => l.getEntries().forEach(fn)).observe({ type, buffered: true, ...opts }); } catch (e) { b.error = String(e); } };
  observe('paint', {}, (e) => { b.paint[e.name] = e.startTime; });
  observe('layout-shift', {}, (e) => { if (!e.hadRecentInput) b.shifts.push({ value: e.value, at: e.startTime }); });
  observe('event', { durationThreshold: 16 }, (e) => {
    b.events.push({ name: e.name, startTime: e.startTime, duration: e.duration, processingStart: e.processingStart, processingEnd: e.processingEnd, interactionId: e.interactionId || 0 });
  });
  const REVENUE = ${JSON.stringify(REVENUE)};
  const hit = (root) => {
    const el = root.querySelector(REVENUE);
    if (el) return !!el.getAttribute('data-value');
    return !root.querySelector('[data-result]') && [...root.querySelectorAll('[part~="value"]')].some((v) => /\\d/.test(v.textContent));
  };
  // The page tells the bench by console messages, which need nothing evaluated in the page.
  const say = (what) => console.debug(${JSON.stringify(SIGNAL)} + what);
  let quiet = 0;
  const settleLater = () => {
    clearTimeout(quiet);
    quiet = setTimeout(() => say('settled'), 500);
  };
  const finish = () => {
    b.marks.dom = performance.now();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        b.marks.painted = performance.now();
        say('painted');
        settleLater();
        setTimeout(() => say('settled'), 10000);
      };
      ch.port2.postMessage(0);
    });
  };
  const fail = (e) => { b.error = String(e); say('error'); };
  customElements.whenDefined('sales-kpi-calculator').then(() => {
    b.marks.defined = performance.now();
    const host = document.querySelector('sales-kpi-calculator');
    const root = host && host.shadowRoot;
    if (!root) { fail('no open shadow root'); return; }
    let found = false;
    const check = () => { b.lastMutation = performance.now(); performance.mark(${JSON.stringify(MARK)}); performance.clearMarks(${JSON.stringify(MARK)}); if (b.marks.painted) settleLater(); if (!found && hit(root)) { found = true; finish(); } };
    new MutationObserver(check).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    if (hit(root)) { found = true; finish(); }
  }, fail);
})();`;

const PARAGRAPHS = [
  'Every sales team knows its funnel in outline: visitors become leads, leads become meetings, meetings become deals. Fewer know what a point more in one step is worth.',
  'The calculator above starts from a typical inbound funnel. Change the numbers to your own, and it shows the revenue they add up to, and what a change in one lever does to it.',
  'Conversion rates are the levers people argue about most, but the average deal value often moves revenue just as much, and it is easier to change: a price list, a bundle, a minimum order.',
  'A what-if is only as good as the numbers behind it. Take them from the last two quarters of your CRM, not from a benchmark report about somebody else’s market.',
  'Once the numbers are in, look at the goal: how many more leads, or how much more per deal, the target needs. One lever rarely carries it alone.',
];

/** A blog post with the snippet in its first screen and a plain search input in the header. */
export function hostPage({ title, snippet }) {
  const body = Array.from({ length: 3 }, () => PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  body { margin: 0; font: 18px/1.6 Georgia, serif; color: #222; }
  header { display: flex; justify-content: space-between; align-items: center; padding: 12px 24px; border-bottom: 1px solid #ddd; font-family: sans-serif; }
  header input { font: inherit; padding: 4px 8px; width: 220px; }
  main { max-width: ${COLUMN}px; margin: 0 auto; padding: 0 16px; }
  h1 { font-size: 2.2rem; line-height: 1.2; }
</style>
</head>
<body>
<header><a href="#">The Revenue Blog</a><form role="search" onsubmit="return false"><input type="text" id="plain" name="q" aria-label="Search the blog" placeholder="Search"></form></header>
<main>
<article>
<h1>What is one more point of conversion worth?</h1>
<p>${PARAGRAPHS[0]}</p>
${snippet}
${body}
</article>
</main>
</body>
</html>
`;
}

/** Copies www/ to a temp dir, writes the two host pages, serves it. Resolves to { url, pages, close, source, script }. */
export async function stageReaderPages() {
  const { startServer } = await import('../tests/browser/harness.mjs');
  const { htmlSnippet } = await import(pathToFileURL(join(WWW, 'builder-snippets.js')).href);
  const { reservedHeight } = await import(pathToFileURL(join(WWW, 'widget', 'reserve.js')).href);
  const dir = mkdtempSync(join(tmpdir(), 'skc-reader-'));
  cpSync(WWW, dir, { recursive: true, filter: (src) => !relative(WWW, src).split(sep).includes('pkg-test') });
  const { source, entry } = embedEntry();
  const script = `/${relative(WWW, entry).split(sep).join('/')}`;
  const pages = {};
  writeFileSync(join(dir, 'reader-none.html'), hostPage({ title: `bench: a blog post, ${CONTROL.label}`, snippet: '' }));
  pages.none = { file: 'reader-none.html', snippet: '', reservedHeight: 0 };
  for (const c of CONFIGS) {
    const sections = c.attributes.find(([k]) => k === 'sections')?.[1];
    // The column is main's content box, so the element is COLUMN px wide, as the builder assumes.
    const height = reservedHeight('inbound', COLUMN, sections);
    const snippet = htmlSnippet(c.attributes, script, height);
    pages[c.name] = { file: `reader-${c.name}.html`, snippet, reservedHeight: height };
    writeFileSync(join(dir, pages[c.name].file), hostPage({ title: `bench: a blog post, ${c.label}`, snippet }));
  }
  const server = await startServer({ root: dir });
  return {
    url: server.url,
    pages,
    source,
    script,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- measuring

/** A deterministic jitter, so every run types with the same rhythm. */
const rhythm = (i) => 80 + ((i * 37) % 41);

/**
 * Types the 99 presses into `locator` in `style` (STYLES), the renderer traced; returns the
 * page-clock window and the trace's events.
 */
async function typeInto(page, locator, style) {
  // A reader scrolls the field into view before typing. (At the viewport's bottom edge, where the
  // deal value field of the default embed starts, headless Chromium presents no frame for the
  // typed character, so Event Timing waits for the next unrelated paint: measured 1,000–1,700 ms
  // per key press with nothing else drawn, 8–16 ms once the field is in the middle.)
  await locator.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(300);
  await page.context().browser().startTracing(page, { categories: TRACE_CATEGORIES });
  const start = await page.evaluate(() => performance.now());
  let i = 0;
  for (let round = 0; round < ROUNDS; round++) {
    await locator.evaluate((el) => {
      el.focus({ preventScroll: true });
      el.select();
    });
    for (const key of ROUND_KEYS) {
      await page.keyboard.press(key, { delay: style.holdMs });
      await page.waitForTimeout(rhythm(i++));
    }
  }
  // Entries are delivered after the next paint; give the last ones time to arrive.
  await page.waitForTimeout(400);
  const end = await page.evaluate(() => performance.now());
  const trace = await page.context().browser().stopTracing();
  return { start, end, presses: i, traceEvents: JSON.parse(trace.toString('utf8')).traceEvents ?? [] };
}

/** One traced typing session: its Event Timing figures and the results frames in its trace. */
async function typingSession(page, locator, style) {
  const w = await typeInto(page, locator, style);
  const entries = await page.evaluate(({ start, end }) => window.__skcReader.events.filter((e) => e.startTime >= start && e.startTime <= end), w);
  const figures = { ...typingFigures(keyPressDurations(entries), w.presses), names: [...new Set(entries.map((e) => e.name))], entries: entries.length };
  return { figures, frames: resultsFrames(w.traceEvents) };
}

/** The calculator's deal value field: its test hook, else its accessible name. */
async function dealField(page) {
  const hook = page.locator(`sales-kpi-calculator ${DEAL_FIELD}`).first();
  if (await hook.count()) return { locator: hook, by: DEAL_FIELD };
  return { locator: page.locator('sales-kpi-calculator').getByRole('textbox', { name: DEAL_LABEL }).first(), by: `textbox named ${DEAL_LABEL}` };
}

/** One load of one host page: load figures, then a typing session in the widget and one in the plain input. */
export async function measureOnce(browser, url, { type = true, widget = true, timeout = 30_000 } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    // The bench waits for the page's console messages (PROBE) rather than polling it: Playwright's
    // polling evaluates its injected script in the page, 10–12 ms of main thread that landed in
    // the middle of the widget's first view (measured in a trace), which no reader's page pays.
    /** @type {Record<string, Promise<void>>} */
    const said = {};
    /** @type {Record<string, () => void>} */
    const hear = {};
    for (const what of ['painted', 'settled', 'error']) said[what] = new Promise((resolve) => (hear[what] = resolve));
    page.on('console', (message) => {
      const text = message.text();
      if (text.startsWith(SIGNAL)) hear[text.slice(SIGNAL.length)]?.();
    });
    await page.goto(url, { waitUntil: 'load' });
    if (!widget) {
      await page.waitForTimeout(500);
      const typing = {};
      for (const style of STYLES) typing[style.name] = { plain: (await typingSession(page, page.locator('#plain'), style)).figures };
      return { typing, errors };
    }
    const within = async (/** @type {Promise<void>} */ signal, /** @type {string} */ what) => {
      let timer;
      try {
        await Promise.race([signal, said.error, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within ${timeout} ms`)), timeout)))]);
      } finally {
        clearTimeout(timer);
      }
    };
    await within(said.painted, 'first result');
    // Settled: no change in the shadow DOM for 500 ms (at most 10 s after the first result).
    await within(said.settled, 'settled widget');
    const load = await page.evaluate(() => {
      const b = window.__skcReader;
      const fcp = b.paint['first-contentful-paint'];
      const settled = b.lastMutation + 500;
      return {
        firstResult: b.marks.painted,
        firstResultInDom: b.marks.dom,
        firstPaint: b.paint['first-paint'],
        fcp,
        afterFirstPaint: b.marks.painted - fcp,
        settled: b.lastMutation,
        cls: b.shifts.filter((s) => s.at <= settled).reduce((sum, s) => sum + s.value, 0),
        error: b.error,
      };
    });
    if (load.error) errors.push(load.error);
    if (!type) return { load, errors };
    const field = await dealField(page);
    const typing = {};
    const frames = {};
    for (const style of STYLES) {
      const widgetSession = await typingSession(page, field.locator, style);
      const plainSession = await typingSession(page, page.locator('#plain'), style);
      typing[style.name] = { widget: { ...widgetSession.figures, field: field.by }, plain: plainSession.figures };
      frames[style.name] = widgetSession.frames;
      const finalValue = await field.locator.inputValue();
      typing[style.name].widget.finalValue = finalValue;
      // Each round leaves 12678 in the field: anything else means the keys did not reach it.
      if (finalValue.replace(/\D/g, '') !== '12678') errors.push(`${style.name}: the deal value field shows "${finalValue}" after typing, not 12678`);
    }
    return { load, typing, frames, errors };
  } finally {
    await context.close();
  }
}

/**
 * The reader part: `runs` runs (after one unrecorded warm-up load), each loading every
 * configuration in a fresh context. Resolves to the `reader` object of bench.json.
 */
export async function measureReader({ runs = 5, type = true } = {}) {
  const { launchBrowser } = await import('../tests/browser/harness.mjs');
  const site = await stageReaderPages();
  const browser = await launchBrowser();
  try {
    const perRun = [];
    const errors = [];
    await measureOnce(browser, `${site.url}${site.pages.default.file}`, { type: false }).catch((e) => errors.push(`warm-up: ${e.message.split('\n')[0]}`));
    for (let run = 0; run < runs; run++) {
      const r = {};
      for (const c of type ? [CONTROL, ...CONFIGS] : CONFIGS) {
        try {
          const m = await measureOnce(browser, `${site.url}${site.pages[c.name].file}`, { widget: c !== CONTROL, type });
          errors.push(...m.errors.map((e) => `${c.name}: ${e}`));
          // Each style's results frames, and both styles' together (the budget's p95).
          if (m.frames) m.frames = Object.fromEntries([...STYLES.map((s) => [s.name, frameFigures(m.frames[s.name])]), ['both', frameFigures(STYLES.flatMap((s) => m.frames[s.name]))]]);
          r[c.name] = m;
        } catch (e) {
          errors.push(`run ${run + 1}, ${c.name}: ${e.message.split('\n')[0]}`);
        }
      }
      perRun.push(r);
    }
    const pick = (fn) => perRun.map(fn).filter(Boolean);
    const pages = {};
    const strip = ({ names, entries, field, finalValue, ...figures }) => figures;
    const typingOf = (name, who) => Object.fromEntries(STYLES.map((s) => [s.name, medianOf(pick((r) => r[name]?.typing?.[s.name]?.[who] && strip(r[name].typing[s.name][who])))]));
    const byStyle = (fn) => Object.fromEntries(STYLES.map((s) => [s.name, fn(s.name)]));
    pages.none = { label: CONTROL.label, typing: byStyle((style) => ({ plain: typingOf('none', 'plain')[style] })) };
    for (const c of CONFIGS) {
      const widget = typingOf(c.name, 'widget');
      const plain = typingOf(c.name, 'plain');
      pages[c.name] = {
        label: c.label,
        snippet: site.pages[c.name].snippet,
        reservedHeight: site.pages[c.name].reservedHeight,
        load: medianOf(pick((r) => r[c.name]?.load && { ...r[c.name].load, error: undefined })),
        typing: byStyle((style) => ({ widget: widget[style], plain: plain[style] })),
        frames: Object.fromEntries([...STYLES.map((s) => s.name), 'both'].map((k) => [k, medianOf(pick((r) => r[c.name]?.frames?.[k]))])),
      };
    }
    return {
      chromium: browser.version(),
      embed: site.script,
      source: site.source,
      runs,
      presses: ROUNDS * ROUND_KEYS.length,
      styles: STYLES,
      traceCategories: TRACE_CATEGORIES,
      pages,
      perRun,
      errors,
    };
  } finally {
    await browser.close();
    await site.close();
  }
}

/** Prints the reader part's table. @param {any} reader @param {(s?: string) => void} log */
export function printReader(reader, log) {
  const styles = reader.styles ?? STYLES;
  log(`\n6. What a reader feels (a blog post with the builder's snippet and a plain input; Chromium ${reader.chromium} headless; ${reader.source} ${reader.embed})`);
  log(`   typing: ${reader.presses} key presses per session, ${styles.map((s) => s.label).join(' / ')}, 80–120 ms between keys; Event Timing durations (8 ms grain);`);
  log(`   results frame: the widget's frame after a key press, main-thread time from a Chromium trace; medians of ${reader.runs} runs, each in a fresh context`);
  for (const style of styles) {
    log(`   ${pad(`${style.label} (median of runs, range)`, 46)}${lpad('≥ 16 ms of 99', 14)}${lpad('p95', 16)}${lpad('worst', 18)}${lpad('INP-style', 18)}${lpad('results frame p50 / p95 / max', 36)}`);
    for (const c of [CONTROL, ...CONFIGS]) {
      const p = reader.pages[c.name];
      if (!p) continue;
      for (const [who, label] of [
        ['plain', c === CONTROL ? `plain input, ${c.label}` : `plain input, beside the ${c.label}`],
        ['widget', c.label],
      ]) {
        const t = p.typing?.[style.name]?.[who];
        if (!t?.runs) continue;
        const ms = (x) => fmtEventMs(x).replace(' ms', '');
        const f = who === 'widget' ? p.frames?.[style.name] : null;
        const one = (x) => (x == null || !Number.isFinite(x) ? 'n/a' : x.toFixed(1));
        const frame = f?.runs ? `${one(f.p50)} / ${withRange(f, 'p95', one)} / ${one(f.max)} ms` : '';
        log(`   ${pad(label, 46)}${lpad(withRange(t, 'slow', (x) => x.toFixed(0)), 14)}${lpad(`${withRange(t, 'p95', ms)} ms`, 16)}${lpad(`${withRange(t, 'worst', ms)} ms`, 18)}${lpad(`${withRange(t, 'inp', ms)} ms`, 18)}${lpad(frame, 36)}`);
      }
    }
  }
  log(`   ${pad('results frame, both styles: medians (ms)', 46)}${lpad('frames', 8)}${FRAME_PARTS.map((p) => lpad(p, 8)).join('')}`);
  for (const c of CONFIGS) {
    const f = reader.pages[c.name]?.frames?.both;
    if (!f?.runs) continue;
    log(`   ${pad(c.label, 46)}${lpad(f.frames ?? 'n/a', 8)}${FRAME_PARTS.map((p) => lpad(f[p] == null ? 'n/a' : f[p].toFixed(2), 8)).join('')}`);
  }
  log(`   ${pad('load (ms from navigation start)', 46)}${lpad('FP', 8)}${lpad('FCP', 8)}${lpad('result', 16)}${lpad('result − FCP', 16)}${lpad('CLS', 9)}`);
  for (const c of CONFIGS) {
    const l = reader.pages[c.name].load;
    if (!l?.runs) continue;
    const f = (x) => (x == null ? 'n/a' : x.toFixed(0));
    log(`   ${pad(c.label, 46)}${lpad(f(l.firstPaint), 8)}${lpad(f(l.fcp), 8)}${lpad(withRange(l, 'firstResult', f), 16)}${lpad(withRange(l, 'afterFirstPaint', f), 16)}${lpad(l.cls == null ? 'n/a' : l.cls.toFixed(4), 9)}`);
  }
  for (const style of styles) {
    const control = reader.pages.none?.typing?.[style.name]?.plain;
    if (control?.share > 0.1) {
      log(`   ! ${style.label}: the plain input on a page without the calculator had ${(control.share * 100).toFixed(0)} % of its key presses ≥ 16 ms (about 5 % on a quiet machine):`);
      log('     the machine is busy; compare the calculator with that control, not with the goal alone');
    }
  }
  if (reader.errors.length) log(`   ! ${[...new Set(reader.errors)].slice(0, 3).join(' | ')}`);
}
