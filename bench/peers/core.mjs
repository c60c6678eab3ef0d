// The contract's compute, sensitivity and simulate, written once over an arithmetic `A`
// (bench/peers/decimal-peer.mjs: decimal.js; bench/peers/float-peer.mjs: JS numbers).
// These are benchmark peers, not a second engine: they follow /work/shared/contract.md closely
// enough that their answers can be checked against the engine's (scripts/bench.mjs does), so the
// race is fair: same validation work (format, ranges, unknown fields), same report, same sampling
// scheme, same summary (mean, nearest-rank p10/p50/p90 by selection, probabilityAtLeast).
//
// Each peer imports this file under its own query string (core.mjs?decimal, core.mjs?float), so
// each gets a separate module instance and V8 keeps separate type feedback: the float peer's hot
// loops see only numbers and are not slowed by having also seen decimal.js objects.
//
// A = { parse(text) -> x, zero, one, add, sub, mul, div, ceilDiv, cmp(a, b) -> -1|0|1,
//       isZero, out(x) -> result value, draw(low, span, t) -> x for a share t in [0, 1],
//       toFloat(x) -> number, fromInt(n) -> x, array(n) -> storage for n values }

const NUMBER_TEXT = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

class PeerError extends Error {}
const fail = (ptr, msg) => {
  throw new PeerError(`${ptr}: ${msg}`);
};

export function makePeer(A) {
  const ONE = A.one;
  const ZERO = A.zero;

  // ---------- reading and validating a model ----------
  function num(v, ptr) {
    let text;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) fail(ptr, 'must be a finite number');
      text = String(v);
    } else if (typeof v === 'string') {
      if (v.length > 64 || !NUMBER_TEXT.test(v)) fail(ptr, `must be a decimal number (got ${JSON.stringify(v.slice(0, 64))})`);
      text = v;
    } else fail(ptr, 'must be a number');
    return A.parse(text);
  }
  const opt = (obj, key, ptr) => (obj[key] == null ? undefined : num(obj[key], ptr));
  function req(obj, key, ptr) {
    if (obj[key] == null) fail(ptr, 'required');
    return num(obj[key], ptr);
  }
  function fields(obj, ptr, allowed) {
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) fail(ptr || '/', 'must be an object');
    for (const k in obj) if (!allowed.includes(k)) fail(`${ptr}/${k}`, 'unknown field');
  }
  const atLeast0 = (x, ptr) => A.cmp(x, ZERO) < 0 && fail(ptr, 'must be at least 0');
  const above0 = (x, ptr) => A.cmp(x, ZERO) <= 0 && fail(ptr, 'must be more than 0');
  const unit = (x, ptr) => (A.cmp(x, ZERO) < 0 || A.cmp(x, ONE) > 0) && fail(ptr, 'must be between 0 and 1');

  /** Model JSON -> internal model (parsed numbers), or throws like the engine. */
  function read(m) {
    fields(m, '', ['funnel', 'target', 'cycleDays', 'acquisitionCost', 'customer', 'retention', 'growth']);
    if (m.funnel == null) fail('/funnel', 'required');
    fields(m.funnel, '/funnel', ['top', 'stages', 'dealSize']);
    const top = req(m.funnel, 'top', '/funnel/top');
    atLeast0(top, '/funnel/top');
    if (!Array.isArray(m.funnel.stages)) fail('/funnel/stages', 'must be a list');
    if (m.funnel.stages.length < 1 || m.funnel.stages.length > 12) fail('/funnel/stages', 'must hold 1 to 12 steps');
    const stages = m.funnel.stages.map((s, i) => {
      const p = `/funnel/stages/${i}`;
      fields(s, p, ['name', 'rate']);
      if (typeof s.name !== 'string' || s.name.length < 1 || s.name.length > 40) fail(`${p}/name`, 'must be 1 to 40 characters');
      const rate = req(s, 'rate', `${p}/rate`);
      unit(rate, `${p}/rate`);
      return { name: s.name, rate };
    });
    const dealSize = req(m.funnel, 'dealSize', '/funnel/dealSize');
    atLeast0(dealSize, '/funnel/dealSize');
    const model = { top, stages, dealSize };
    const target = opt(m, 'target', '/target');
    if (target !== undefined) above0((model.target = target), '/target');
    const cycleDays = opt(m, 'cycleDays', '/cycleDays');
    if (cycleDays !== undefined) above0((model.cycleDays = cycleDays), '/cycleDays');
    const acquisitionCost = opt(m, 'acquisitionCost', '/acquisitionCost');
    if (acquisitionCost !== undefined) atLeast0((model.acquisitionCost = acquisitionCost), '/acquisitionCost');
    if (m.customer != null) {
      const c = m.customer;
      fields(c, '/customer', ['purchaseValue', 'purchasesPerYear', 'lifespanYears', 'annualChurn', 'grossMargin']);
      const cu = {
        purchaseValue: opt(c, 'purchaseValue', '/customer/purchaseValue'),
        purchasesPerYear: opt(c, 'purchasesPerYear', '/customer/purchasesPerYear'),
        lifespanYears: opt(c, 'lifespanYears', '/customer/lifespanYears'),
        annualChurn: opt(c, 'annualChurn', '/customer/annualChurn'),
        grossMargin: opt(c, 'grossMargin', '/customer/grossMargin'),
      };
      for (const k of ['purchaseValue', 'purchasesPerYear', 'lifespanYears']) if (cu[k] !== undefined) above0(cu[k], `/customer/${k}`);
      if (cu.annualChurn !== undefined) {
        above0(cu.annualChurn, '/customer/annualChurn');
        if (A.cmp(cu.annualChurn, ONE) > 0) fail('/customer/annualChurn', 'must be at most 1');
      }
      if (cu.grossMargin !== undefined) unit(cu.grossMargin, '/customer/grossMargin');
      if (cu.lifespanYears !== undefined && cu.annualChurn !== undefined) fail('/customer', 'give lifespanYears or annualChurn, not both');
      model.customer = cu;
    }
    if (m.retention != null) {
      fields(m.retention, '/retention', ['start', 'end', 'new']);
      const r = {
        start: req(m.retention, 'start', '/retention/start'),
        end: req(m.retention, 'end', '/retention/end'),
        new: req(m.retention, 'new', '/retention/new'),
      };
      above0(r.start, '/retention/start');
      atLeast0(r.end, '/retention/end');
      atLeast0(r.new, '/retention/new');
      if (A.cmp(r.new, r.end) > 0) fail('/retention/new', 'must be at most end');
      model.retention = r;
    }
    if (m.growth != null) {
      fields(m.growth, '/growth', ['previous', 'current']);
      const g = { previous: req(m.growth, 'previous', '/growth/previous'), current: req(m.growth, 'current', '/growth/current') };
      above0(g.previous, '/growth/previous');
      atLeast0(g.current, '/growth/current');
      model.growth = g;
    }
    return model;
  }

  // ---------- the report ----------
  function funnelFigures(f) {
    const counts = new Array(f.stages.length);
    let count = f.top;
    let conversion = ONE;
    for (let i = 0; i < f.stages.length; i++) {
      const r = f.stages[i].rate;
      count = A.mul(count, r);
      conversion = A.mul(conversion, r);
      counts[i] = count;
    }
    return { counts, conversion, deals: count, revenue: A.mul(count, f.dealSize) };
  }

  /** Revenue alone (the default metric of sensitivity and simulate), without the counts. */
  function revenueOf(f) {
    let count = f.top;
    const stages = f.stages;
    for (let i = 0; i < stages.length; i++) count = A.mul(count, stages[i].rate);
    return A.mul(count, f.dealSize);
  }

  function targetReport(m, fig) {
    const t = m.target;
    const gap = A.sub(t, fig.revenue);
    const dealsNeeded = A.isZero(m.dealSize) ? null : A.ceilDiv(t, m.dealSize);
    const n = m.stages.length;
    const needed = new Array(n).fill(null);
    let top = null;
    if (dealsNeeded !== null) {
      needed[n - 1] = dealsNeeded;
      let ok = true;
      for (let i = n - 1; i >= 1 && ok; i--) {
        if (A.isZero(m.stages[i].rate)) ok = false;
        else needed[i - 1] = A.ceilDiv(needed[i], m.stages[i].rate);
      }
      if (ok && !A.isZero(m.stages[0].rate)) top = A.ceilDiv(needed[0], m.stages[0].rate);
    }
    return {
      attainment: A.div(fig.revenue, t),
      gap: A.cmp(gap, ZERO) > 0 ? gap : ZERO,
      dealsNeeded,
      needed: { top, stages: m.stages.map((s, i) => ({ name: s.name, count: needed[i] })) },
    };
  }

  function economicsReport(m, deals) {
    const cac = m.acquisitionCost !== undefined && !A.isZero(deals) ? A.div(m.acquisitionCost, deals) : null;
    let clv = null;
    let yearlyMargin = null;
    const c = m.customer;
    if (c) {
      const perYear = A.mul(c.purchaseValue ?? m.dealSize, c.purchasesPerYear ?? ONE);
      const lifespan = c.annualChurn !== undefined ? A.div(ONE, c.annualChurn) : c.lifespanYears;
      const margin = c.grossMargin ?? ONE;
      // A customer without a lifespan has no CLV, but its margin still gives a payback.
      clv = lifespan === undefined ? null : A.mul(A.mul(perYear, lifespan), margin);
      yearlyMargin = A.mul(perYear, margin);
    }
    const ltvToCac = clv !== null && cac !== null && !A.isZero(cac) ? A.div(clv, cac) : null;
    const paybackMonths = cac !== null && yearlyMargin !== null && !A.isZero(yearlyMargin) ? A.div(A.mul(cac, A.fromInt(12)), yearlyMargin) : null;
    return { cac, clv, ltvToCac, paybackMonths };
  }

  function retentionReport(r) {
    const rate = A.div(A.sub(r.end, r.new), r.start);
    return { rate, churn: A.sub(ONE, rate) };
  }
  const growthReport = (g) => ({ rate: A.div(A.sub(g.current, g.previous), g.previous) });

  const o = (x) => (x === null ? null : A.out(x));

  /** Internal model -> report (contract shape; numbers through A.out). */
  function report(m) {
    const fig = funnelFigures(m);
    const rep = {
      funnel: {
        stages: m.stages.map((s, i) => ({ name: s.name, rate: A.out(s.rate), count: A.out(fig.counts[i]) })),
        conversion: A.out(fig.conversion),
        deals: A.out(fig.deals),
        revenue: A.out(fig.revenue),
      },
    };
    if (m.target !== undefined) {
      const t = targetReport(m, fig);
      rep.target = {
        attainment: A.out(t.attainment),
        gap: A.out(t.gap),
        dealsNeeded: o(t.dealsNeeded),
        needed: { top: o(t.needed.top), stages: t.needed.stages.map((s) => ({ name: s.name, count: o(s.count) })) },
      };
    }
    if (m.cycleDays !== undefined) rep.velocity = { perDay: A.out(A.div(fig.revenue, m.cycleDays)) };
    if (m.acquisitionCost !== undefined || m.customer) {
      const e = economicsReport(m, fig.deals);
      rep.economics = { cac: o(e.cac), clv: o(e.clv), ltvToCac: o(e.ltvToCac), paybackMonths: o(e.paybackMonths) };
    }
    if (m.retention) {
      const r = retentionReport(m.retention);
      rep.retention = { rate: A.out(r.rate), churn: A.out(r.churn) };
    }
    if (m.growth) rep.growth = { rate: A.out(growthReport(m.growth).rate) };
    return rep;
  }

  function compute(model) {
    return report(read(model));
  }

  // ---------- metrics and levers ----------
  /** The metric at a pointer, evaluating only what it needs (as the engine does); undefined if absent. */
  function evaluator(metric) {
    const parts = metric.split('/').slice(1);
    if (metric === '/funnel/revenue') return revenueOf;
    if (metric === '/funnel/deals') return (m) => funnelFigures(m).deals;
    if (metric === '/funnel/conversion') return (m) => funnelFigures(m).conversion;
    if (parts[0] === 'funnel' && parts[1] === 'stages' && parts[3] === 'count') return (m) => funnelFigures(m).counts[+parts[2]];
    if (parts[0] === 'velocity') return (m) => (m.cycleDays === undefined ? undefined : A.div(funnelFigures(m).revenue, m.cycleDays));
    if (parts[0] === 'target') {
      return (m) => {
        if (m.target === undefined) return undefined;
        let v = targetReport(m, funnelFigures(m));
        for (const k of parts.slice(1)) v = v?.[k];
        return v;
      };
    }
    if (parts[0] === 'economics') return (m) => economicsReport(m, funnelFigures(m).deals)[parts[1]];
    if (parts[0] === 'retention') return (m) => (m.retention ? retentionReport(m.retention)[parts[1]] : undefined);
    if (parts[0] === 'growth') return (m) => (m.growth ? growthReport(m.growth)[parts[1]] : undefined);
    fail(metric, 'names no metric');
  }

  const INF = undefined;
  /** Every number in the model, as { ptr, get, set, bounds: [lo, loIncl, hi, hiIncl] }. */
  function levers(m) {
    const out = [];
    const add = (ptr, obj, key, lo, loIncl, hi, hiIncl) => {
      if (obj && obj[key] !== undefined) out.push({ ptr, obj, key, bounds: typeof lo === 'function' ? lo : () => [lo, loIncl, hi, hiIncl] });
    };
    add('/funnel/top', m, 'top', ZERO, true, INF);
    m.stages.forEach((s, i) => add(`/funnel/stages/${i}/rate`, s, 'rate', ZERO, true, ONE, true));
    add('/funnel/dealSize', m, 'dealSize', ZERO, true, INF);
    add('/target', m, 'target', ZERO, false, INF);
    add('/cycleDays', m, 'cycleDays', ZERO, false, INF);
    add('/acquisitionCost', m, 'acquisitionCost', ZERO, true, INF);
    const c = m.customer;
    add('/customer/purchaseValue', c, 'purchaseValue', ZERO, false, INF);
    add('/customer/purchasesPerYear', c, 'purchasesPerYear', ZERO, false, INF);
    add('/customer/lifespanYears', c, 'lifespanYears', ZERO, false, INF);
    add('/customer/annualChurn', c, 'annualChurn', ZERO, false, ONE, true);
    add('/customer/grossMargin', c, 'grossMargin', ZERO, true, ONE, true);
    const r = m.retention;
    add('/retention/start', r, 'start', ZERO, false, INF);
    add('/retention/end', r, 'end', () => [A.cmp(r.new, ZERO) > 0 ? r.new : ZERO, true, INF]);
    add('/retention/new', r, 'new', () => [ZERO, true, r.end, true]);
    add('/growth/previous', m.growth, 'previous', ZERO, false, INF);
    add('/growth/current', m.growth, 'current', ZERO, true, INF);
    return out;
  }
  function clamp(x, [lo, , hi]) {
    if (A.cmp(x, lo) < 0) return lo;
    if (hi !== undefined && A.cmp(x, hi) > 0) return hi;
    return x;
  }
  function contains(x, [lo, loIncl, hi, hiIncl]) {
    const a = A.cmp(x, lo);
    if (a < 0 || (a === 0 && !loIncl)) return false;
    if (hi === undefined) return true;
    const b = A.cmp(x, hi);
    return b < 0 || (b === 0 && hiIncl);
  }

  // ---------- sensitivity ----------
  function sensitivity(model, { metric = '/funnel/revenue', by = '0.1' } = {}) {
    const m = read(model);
    const f = evaluator(metric);
    const b = num(by, '/by');
    if (A.cmp(b, ZERO) <= 0 || A.cmp(b, ONE) >= 0) fail('/by', 'must be between 0 and 1, both excluded');
    const down = A.sub(ONE, b);
    const up = A.add(ONE, b);
    const rows = [];
    for (const l of levers(m)) {
      const old = l.obj[l.key];
      const bounds = l.bounds();
      const lowValue = clamp(A.mul(old, down), bounds);
      const highValue = clamp(A.mul(old, up), bounds);
      if (!contains(lowValue, bounds) || !contains(highValue, bounds)) continue;
      l.obj[l.key] = lowValue;
      const low = f(m);
      l.obj[l.key] = highValue;
      const high = f(m);
      l.obj[l.key] = old;
      if (low == null || high == null) continue;
      const d = A.sub(high, low);
      const swing = A.cmp(d, ZERO) < 0 ? A.sub(ZERO, d) : d;
      if (A.isZero(swing)) continue;
      rows.push({ lever: l.ptr, lowValue, highValue, low, high, swing });
    }
    rows.sort((x, y) => A.cmp(y.swing, x.swing) || (x.lever < y.lever ? -1 : x.lever > y.lever ? 1 : 0));
    return rows.map((r) => ({ lever: r.lever, lowValue: A.out(r.lowValue), highValue: A.out(r.highValue), low: A.out(r.low), high: A.out(r.high), swing: A.out(r.swing) }));
  }

  // ---------- simulate ----------
  /** A setter per lever, so the sampling loop does no lookups by key name. */
  function setter(obj, key) {
    switch (key) {
      case 'rate':
        return (v) => (obj.rate = v);
      case 'top':
        return (v) => (obj.top = v);
      case 'dealSize':
        return (v) => (obj.dealSize = v);
      default:
        return (v) => (obj[key] = v);
    }
  }

  /** Same scheme as the engine: independent uniform or triangular draws (inverse CDF). */
  function simulate(model, { ranges, samples = 10000, seed = 0, metric = '/funnel/revenue', threshold } = {}) {
    const m = read(model);
    const f = evaluator(metric);
    if (!Number.isInteger(samples) || samples < 1 || samples > 1_000_000) fail('/samples', 'must be a whole number from 1 to 1000000');
    const all = levers(m);
    const draws = ranges.map((r, i) => {
      const l = all.find((x) => x.ptr === r.lever) ?? fail(`/ranges/${i}/lever`, `${r.lever} names no number in the model`);
      const low = num(r.low, `/ranges/${i}/low`);
      const high = num(r.high, `/ranges/${i}/high`);
      const span = A.sub(high, low);
      if (A.cmp(span, ZERO) < 0) fail(`/ranges/${i}/high`, 'must be at least low');
      let peak = -1;
      if (r.mode != null && !A.isZero(span)) peak = A.toFloat(A.div(A.sub(num(r.mode, `/ranges/${i}/mode`), low), span));
      return { set: setter(l.obj, l.key), low, span, peak };
    });
    const thr = threshold != null ? num(threshold, '/threshold') : m.target;
    const rng = xoshiro128ss(seed);
    const values = A.array(samples);
    for (let s = 0; s < samples; s++) {
      for (let d = 0; d < draws.length; d++) {
        const dr = draws[d];
        const u = rng();
        let t = u;
        if (dr.peak >= 0) t = u < dr.peak ? Math.sqrt(u * dr.peak) : 1 - Math.sqrt((1 - u) * (1 - dr.peak));
        dr.set(A.draw(dr.low, dr.span, t));
      }
      const v = f(m);
      if (v == null) fail(metric, 'is undefined for some drawn values');
      values[s] = v;
    }
    let total = ZERO;
    let hits = 0;
    for (let s = 0; s < samples; s++) {
      total = A.add(total, values[s]);
      if (thr !== undefined && A.cmp(values[s], thr) >= 0) hits++;
    }
    const rank = (tenths) => Math.ceil((tenths * samples) / 10) - 1;
    const summary = {
      samples,
      mean: A.out(A.div(total, A.fromInt(samples))),
      p10: A.out(select(values, rank(1), A.cmp)),
      p50: A.out(select(values, rank(5), A.cmp)),
      p90: A.out(select(values, rank(9), A.cmp)),
    };
    if (thr !== undefined) summary.probabilityAtLeast = A.out(A.div(A.fromInt(hits), A.fromInt(samples)));
    return summary;
  }

  return { compute, sensitivity, simulate, read, report, PeerError };
}

/** The k-th smallest value (0-based), by quickselect (Hoare partition, middle pivot); reorders `a`. */
export function select(a, k, cmp) {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (cmp(a[i], pivot) < 0) i++;
      while (cmp(a[j], pivot) > 0) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** xoshiro128** seeded through splitmix32; returns uniform doubles in [0, 1) with 53 random bits. */
export function xoshiro128ss(seed) {
  let z = seed >>> 0;
  const split = () => {
    z = (z + 0x9e3779b9) | 0;
    let x = z;
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return (x ^ (x >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = () => {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return r;
  };
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
}
const rotl = (x, k) => (x << k) | (x >>> (32 - k));
