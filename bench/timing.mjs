// Small timing helpers for the Node part of the bench: warm-up, batches sized to a minimum time,
// medians of several runs, percentiles.

/** Nearest-rank percentile (p in [0, 100]) of a list of numbers. */
export function percentile(list, p) {
  if (!list.length) return NaN;
  const s = [...list].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

export const median = (list) => percentile(list, 50);

/** { n, median, min, max, p10, p50, p90, p95, mean } of a list of numbers. */
export function stats(list) {
  return {
    n: list.length,
    median: median(list),
    min: Math.min(...list),
    max: Math.max(...list),
    p10: percentile(list, 10),
    p50: percentile(list, 50),
    p90: percentile(list, 90),
    p95: percentile(list, 95),
    mean: list.reduce((a, b) => a + b, 0) / list.length,
  };
}

/**
 * Times `fn` per call, in milliseconds. Warms up for `warmupMs` (at least `warmupCalls` calls),
 * sizes a batch so one run takes about `runMs`, then times `runs` batches.
 * Returns { perCall: median ms per call, min, max, runs: [ms per call], batch }.
 */
export function timeCalls(fn, { warmupMs = 300, warmupCalls = 1, runMs = 100, runs = 7, batch } = {}) {
  const t0 = performance.now();
  let calls = 0;
  while (calls < warmupCalls || performance.now() - t0 < warmupMs) {
    fn();
    calls++;
  }
  if (!batch) {
    const per = (performance.now() - t0) / calls;
    batch = Math.max(1, Math.round(runMs / Math.max(per, 1e-6)));
  }
  const perRun = [];
  for (let r = 0; r < runs; r++) {
    const a = performance.now();
    for (let i = 0; i < batch; i++) fn();
    perRun.push((performance.now() - a) / batch);
  }
  return { perCall: median(perRun), min: Math.min(...perRun), max: Math.max(...perRun), runs: perRun, batch };
}

/**
 * Races several functions: each is warmed up and given a batch size as in `timeCalls`, then the
 * timed runs are interleaved (round r runs every function once, starting with a different one
 * each round), so a busy machine slows them alike. Returns { [name]: { perCall, min, max,
 * cpuPerCall, runs, cpuRuns, batch } }; `runs[r]` of two functions come from the same round, so
 * `pairedRatio` can divide them round by round.
 */
export function race(fns, { warmupMs = 300, warmupCalls = 1, runMs = 50, runs = 11 } = {}) {
  const names = Object.keys(fns);
  const batch = {};
  for (const n of names) batch[n] = timeCalls(fns[n], { warmupMs, warmupCalls, runMs, runs: 1 }).batch;
  const wall = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < runs; r++) {
    for (let j = 0; j < names.length; j++) {
      const n = names[(r + j) % names.length];
      const fn = fns[n];
      const c0 = process.cpuUsage();
      const a = performance.now();
      for (let i = 0; i < batch[n]; i++) fn();
      wall[n].push((performance.now() - a) / batch[n]);
      const c = process.cpuUsage(c0);
      cpu[n].push((c.user + c.system) / 1000 / batch[n]);
    }
  }
  return Object.fromEntries(
    names.map((n) => [
      n,
      { perCall: median(wall[n]), min: Math.min(...wall[n]), max: Math.max(...wall[n]), cpuPerCall: median(cpu[n]), runs: wall[n], cpuRuns: cpu[n], batch: batch[n] },
    ]),
  );
}

/** Median over rounds of a.runs[r] / b.runs[r]. */
export const pairedRatio = (a, b) => median(a.runs.map((x, r) => x / b.runs[r]));

/** Formats milliseconds with a unit that keeps 3 significant digits: 12.3 µs, 4.56 ms, 1.23 s. */
export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}
