#!/usr/bin/env node
// `npm run bench`: how big, how fast to start, how fast to answer. Prints a table and writes the
// same figures, from the same run, to target/bench.json.
//
//   1. bytes of an embed (widget module + what it pulls in + .wasm + CSS): raw, gzip -9, brotli -q 11
//   2. start-up in headless Chromium: navigation -> first result painted, 20 fresh loads
//   3. keystroke latency with every panel on and a 10,000-sample simulation: 200 keystrokes
//   4. the engine against two peers written in plain JS (bench/engine.mjs, bench/peers/): decimal.js and JS numbers,
//      on compute, a 100,000-sample simulate and a full sensitivity table, answers checked first;
//      and plan over a three-year window (no peer: engine only, its rows checked to add up), and
//      progress with 1,000 open opportunities (no peer: its chance checked against the exact
//      binomial tail first)
//   5. budgets: goals next to the figures, marked pass or miss. Goals, not tests: a miss never
//      fails the bench (the size test in tests/node/budget.test.mjs has its own limit).
//   6. what a reader feels (bench/reader.mjs): Event Timing of typing into the default embed and
//      an every-section embed against a plain input on the same blog post, with keys held 60 ms
//      and with keys released at once; the results frame's main-thread time per key press (a
//      Chromium trace); first result minus the host's first paint, CLS at load; medians of
//      --runs runs (default 5)
//
//   node scripts/bench.mjs                       everything
//   node scripts/bench.mjs --only=bytes,engine   some parts (bytes, engine, startup, keys, reader)
//   node scripts/bench.mjs --loads=20 --keys=200 --samples=100000 --runs=5
//   node scripts/bench.mjs --only=reader --runs=1   a quick smoke of the reader part
//   node scripts/bench.mjs --only=reader --runs=15 --load-only   the reader part's loads alone (no typing)
//
// The embed measured is www/dist/sales-kpi-calculator.js (+ www/dist/sales_kpi_bg.wasm) when it
// has been built, else www/widget/sales-kpi-calculator.js with www/pkg/. The engine raced in Node
// is www/pkg/sales_kpi.js. Run `npm run build` first.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kb, measureEmbed } from '../bench/bytes.mjs';
import { int, lpad, pad, speed, times } from '../bench/table.mjs';
import { example } from '../tests/node/example.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : dflt;
};
const PARTS = ['bytes', 'engine', 'startup', 'keys', 'reader'];
const only = arg('only', PARTS.join(',')).split(',').filter(Boolean);
for (const p of only) if (!PARTS.includes(p)) throw new Error(`--only: unknown part "${p}" (parts: ${PARTS.join(', ')})`);
const LOADS = Number(arg('loads', 20));
const KEYS = Number(arg('keys', 200));
const SAMPLES = Number(arg('samples', 100_000));
const READER_RUNS = Number(arg('runs', 5));

// The contract's example model, and the uncertainty used by every implementation.
const MODEL = example();
const RANGES = [
  { lever: '/funnel/dealSize', low: '10000', high: '15000' },
  { lever: '/funnel/stages/0/rate', low: '0.02', high: '0.03', mode: '0.025' },
];
const KIB = 1024;
// Issue #12: a default embed of at most 60 KB brotli, compute at least as fast as decimal.js.
const GOALS = {
  embedBrotli: 60 * KIB,
  firstResultMs: 50,
  keystrokeP95Ms: 4,
  computeVsDecimal: 1,
  simulateVsDecimal: 20,
  simulateVsFloat: 2,
};

const out = { when: new Date().toISOString(), parts: only, machine: machine(), goals: GOALS };
const log = (s = '') => console.log(s);
const mark = (ok) => (ok === null || ok === undefined ? '  n/a ' : ok ? '✓ pass' : '✗ MISS');

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGB: +(os.totalmem() / 1024 ** 3).toFixed(1),
    platform: `${os.platform()} ${os.arch()} ${os.release()}`,
    node: process.version,
    v8: process.versions.v8,
    loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
  };
}

// ---------------------------------------------------------------- 1. bytes
function bytesPart() {
  const e = measureEmbed();
  out.embed = e;
  log(`\n1. Embed bytes: ${e.source === 'dist' ? 'the bundle' : 'the unbundled widget'} ${e.entry}, what it pulls in, the .wasm, CSS`);
  const W = Math.max(44, ...e.files.map((f) => f.path.length + 2));
  log(`   ${pad('file', W)}${lpad('raw', 10)}${lpad('gzip -9', 11)}${lpad('brotli -q 11', 14)}  via`);
  for (const f of e.files) log(`   ${pad(f.path, W)}${lpad(int(f.raw), 10)}${lpad(int(f.gzip), 11)}${lpad(int(f.brotli), 14)}  ${f.via}`);
  for (const [k, label] of [
    ['js', 'JavaScript'],
    ['wasm', 'WebAssembly'],
    ['css', 'CSS files'],
  ]) {
    const t = e.byKind[k];
    const note = k === 'css' && !t.files ? '  (none: the styles ship inside the JS)' : '';
    log(`   ${pad(`${label} (${t.files} file${t.files === 1 ? '' : 's'})`, W)}${lpad(int(t.raw), 10)}${lpad(int(t.gzip), 11)}${lpad(int(t.brotli), 14)}${note}`);
  }
  const t = e.totals;
  log(`   ${pad(`default embed total (${t.files} files)`, W)}${lpad(int(t.raw), 10)}${lpad(int(t.gzip), 11)}${lpad(int(t.brotli), 14)}  = ${kb(t.brotli)} brotli`);
  if (e.onDemand?.length) {
    log('   loaded on demand, when a page switches the panel on:');
    for (const f of e.onDemand) log(`   ${pad(f.path, W)}${lpad(int(f.raw), 10)}${lpad(int(f.gzip), 11)}${lpad(int(f.brotli), 14)}  ${f.via}`);
    const all = e.everyPanel;
    log(`   ${pad(`every panel on (${all.files} files)`, W)}${lpad(int(all.raw), 10)}${lpad(int(all.gzip), 11)}${lpad(int(all.brotli), 14)}  = ${kb(all.brotli)} brotli`);
  }
  if (e.missing.length) log(`   ! references to missing files: ${e.missing.map((m) => `${m.path} (${m.via})`).join(', ')}`);
}

// ---------------------------------------------------------------- 4. engine vs peers (bench/engine.mjs)
async function enginePart() {
  const { measureEngine, printEngine } = await import('../bench/engine.mjs');
  out.engine = await measureEngine({ model: MODEL, ranges: RANGES, samples: SAMPLES });
  printEngine(out.engine, log);
}

// ---------------------------------------------------------------- 2 and 3. browser
async function browserParts() {
  const { launchBrowser, measureKeystrokes, measureStartup, stagePages } = await import('../bench/browser.mjs');
  const site = await stagePages();
  const browser = await launchBrowser();
  try {
    out.browser = { chromium: browser.version(), embed: site.script, source: site.source };
    if (only.includes('startup')) {
      const s = await measureStartup(browser, site.url, { loads: LOADS });
      out.startup = s;
      log(`\n2. Start-up: navigation -> first result painted (${site.script}, default sections, Chromium ${browser.version()} headless)`);
      log(`   ${s.loads} loads, each in a new browser context (empty cache), after ${s.warmupLoads} unrecorded warm-up load`);
      log(`   ${pad('milestone (ms from navigation start)', 44)}${lpad('median', 9)}${lpad('min', 9)}${lpad('p90', 9)}${lpad('max', 9)}`);
      for (const [k, label] of [
        ['fcp', 'first contentful paint (page)'],
        ['defined', 'element defined (widget module ran)'],
        ['wasmFetched', '.wasm fetched'],
        ['dom', 'revenue in the shadow DOM'],
        ['painted', 'first result painted (frame after it)'],
      ]) {
        const x = s[k];
        if (x.n) log(`   ${pad(label, 44)}${lpad(x.median.toFixed(1), 9)}${lpad(x.min.toFixed(1), 9)}${lpad(x.p90.toFixed(1), 9)}${lpad(x.max.toFixed(1), 9)}`);
      }
      if (s.errors.length) log(`   ! errors: ${[...new Set(s.errors)].slice(0, 3).join(' | ')}`);
    }
    if (only.includes('keys')) {
      const ranges = Object.fromEntries(RANGES.map((r) => [r.lever, { low: r.low, high: r.high }]));
      const k = await measureKeystrokes(browser, site.url, { keys: KEYS, model: MODEL, ranges, whatif: { '/funnel/dealSize': { unit: 'by', value: '0.1' } } });
      out.keystroke = k;
      log(`\n3. Keystroke latency (sections="all", uncertainty ranges set; ${k.keys ?? KEYS} input events on the deal size, measured in the page)`);
      if (k.error) log(`   ! ${k.error}`);
      else {
        log(`   ${pad('', 60)}${lpad('p50', 9)}${lpad('p95', 9)}${lpad('max', 9)}  (ms)`);
        const row = (label, x) => x && log(`   ${pad(label, 60)}${lpad(x.p50.toFixed(2), 9)}${lpad(x.p95.toFixed(2), 9)}${lpad(x.max.toFixed(2), 9)}`);
        row('input event -> results updated (all panels but simulation)', k.sync);
        row('simulation task, 10,000 samples (after the debounce)', k.sim);
        row('one keystroke, all work: the two above', k.total);
        row('input event -> simulation shown (incl. the debounce)', k.shown);
        if (!k.simulationRan) log('   ! no simulation result was seen after a keystroke: the uncertainty panel did not run');
        if (k.wrong.length) log(`   ! ${k.wrong.length} keystroke(s) did not show the expected revenue: ${JSON.stringify(k.wrong[0])}`);
        if (k.errors.length) log(`   ! page errors: ${[...new Set(k.errors)].slice(0, 3).join(' | ')}`);
      }
    }
  } finally {
    await browser.close();
    await site.close();
  }
}

// ---------------------------------------------------------------- 6. reader (bench/reader.mjs)
async function readerPart() {
  const { measureReader, printReader } = await import('../bench/reader.mjs');
  out.reader = await measureReader({ runs: READER_RUNS, type: !args.includes('--load-only') });
  printReader(out.reader, log);
}

/** The reader part's budget rows (typing both ways, the results frame, first result after the host's first paint, CLS). */
async function readerBudgetRows() {
  if (!out.reader) return [];
  const { READER_GOALS, readerBudgets } = await import('../bench/reader.mjs');
  out.goals.reader = READER_GOALS;
  return readerBudgets(out.reader);
}
// ---------------------------------------------------------------- end of 6. reader

// ---------------------------------------------------------------- 5. budgets
async function budgets() {
  const e = out.embed;
  const s = out.startup;
  const k = out.keystroke;
  const r = out.engine?.ratios;
  const fair = out.engine && ['compute', 'simulate'].every((op) => out.engine.checks[op].decimal.ok && out.engine.checks[op].float.ok);
  const rows = [
    ['embed total, brotli', e && kb(e.totals.brotli), `≤ ${kb(GOALS.embedBrotli)}`, e && e.totals.brotli <= GOALS.embedBrotli],
    ['first result painted, median of loads', s?.painted.n ? `${s.painted.median.toFixed(1)} ms` : null, `≤ ${GOALS.firstResultMs} ms`, s?.painted.n ? s.painted.median <= GOALS.firstResultMs : null],
    ['keystroke p95, results (without simulation)', k?.sync ? `${k.sync.p95.toFixed(2)} ms` : null, `< ${GOALS.keystrokeP95Ms} ms`, k?.sync ? k.sync.p95 < GOALS.keystrokeP95Ms : null],
    ['keystroke p95, all work incl. 10k simulation', k?.total ? `${k.total.p95.toFixed(2)} ms` : null, `< ${GOALS.keystrokeP95Ms} ms`, k?.total ? k.total.p95 < GOALS.keystrokeP95Ms : null],
    ['compute vs decimal.js', r && speed(r.compute.fasterThanDecimal), `≥ ${GOALS.computeVsDecimal}× faster`, r && r.compute.fasterThanDecimal >= GOALS.computeVsDecimal],
    ['simulate vs decimal.js', r && speed(r.simulate.fasterThanDecimal), `≥ ${GOALS.simulateVsDecimal}× faster`, r && r.simulate.fasterThanDecimal >= GOALS.simulateVsDecimal],
    ['simulate vs JS numbers (time ratio)', r && `${times(r.simulate.vsFloat)}`, `≤ ${GOALS.simulateVsFloat}×`, r && r.simulate.vsFloat <= GOALS.simulateVsFloat],
  ];
  out.budgets = rows.map(([what, value, goal, pass]) => ({ what, value: value ?? null, goal, pass: value == null ? null : !!pass }));
  out.budgets.push(...(await readerBudgetRows()));
  log('\n5. Budgets (goals, not tests: the bench never fails on them)');
  for (const b of out.budgets) log(`   ${mark(b.pass)}  ${pad(b.what, 64)}${lpad(b.value ?? 'not measured', 14)}   goal ${b.goal}`);
  if (out.engine && !fair) log('   ! a peer disagrees with the engine (see 4.): the speed ratios compare unequal work');
}

// ---------------------------------------------------------------- run
const m = out.machine;
log(`sales-kpi bench, ${out.when}`);
log(`machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB, ${m.platform}; Node ${m.node} (V8 ${m.v8}); load average ${m.loadAverage.join(' ')}`);
if (m.loadAverage[0] > m.cpus) log(`   ! the machine is busy (load ${m.loadAverage[0]} on ${m.cpus} CPUs): timings are noisy and on the slow side`);

const failures = [];
const step = async (name, fn) => {
  try {
    await fn();
  } catch (err) {
    failures.push({ part: name, error: err.message });
    log(`\n! ${name}: could not be measured: ${err.message.split('\n')[0]}`);
  }
};
if (only.includes('bytes')) await step('bytes', bytesPart);
if (only.includes('engine')) await step('engine', enginePart);
if (only.includes('startup') || only.includes('keys')) await step('browser', browserParts);
if (only.includes('reader')) await step('reader', readerPart);
await budgets();
out.machine.loadAverageAfter = os.loadavg().map((x) => +x.toFixed(2));
out.failures = failures;
mkdirSync(join(ROOT, 'target'), { recursive: true });
writeFileSync(join(ROOT, 'target', 'bench.json'), `${JSON.stringify(out, null, 2)}\n`);
log(`\nwrote target/bench.json${failures.length ? ` (${failures.length} part(s) failed to run: ${failures.map((f) => f.part).join(', ')})` : ''}`);
process.exitCode = failures.length ? 1 : 0;
