// Checks the peers' answers against the engine's, so the race is between implementations that
// agree. Exact peer (decimal.js): every field equal after normalizing the number text, except
// where a division legitimately differs in its last digit (see `lastDigit`). Float peer: every
// number within a relative 1e-9.
import { D } from './peers/decimal-peer.mjs';

/** Plain decimal text without trailing zeros ("750000.00" -> "750000", "-0" -> "0"). */
export function normalize(text) {
  let s = String(text).trim();
  if (/[eE]/.test(s)) s = new D(s).toFixed();
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (/^-0*(\.0*)?$/.test(s)) s = '0';
  return s;
}

/** Leaves of a JSON value as [pointer, value] pairs (objects and arrays walked, in order). */
export function leaves(value, ptr = '', out = []) {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leaves(v, `${ptr}/${k}`, out);
  } else out.push([ptr, value]);
  return out;
}

const isNumText = (v) => typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v);

/**
 * Is `peer` the engine's `engine` value rounded to 28 significant digits (half even)?
 * rust_decimal keeps a 96-bit mantissa with a scale of up to 28, so a quotient can carry 29
 * significant digits (16666.666666666666666666666667) where decimal.js at precision 28 keeps 28
 * (16666.66666666666666666666667). Both are correctly rounded; only the precision differs.
 */
export function lastDigit(engine, peer) {
  const e = new D(engine);
  return !e.eq(peer) && e.toSignificantDigits(28, D.ROUND_HALF_EVEN).eq(peer);
}

/**
 * Compares two results field by field. `mode`: 'exact' (decimal strings) or 'float' (numbers,
 * relative tolerance `tol`). Returns { ok, fields, equal, lastDigit: [{ ptr, engine, peer }],
 * mismatches: [{ ptr, engine, peer, why }] }.
 */
export function compareResults(engine, peer, { mode = 'exact', tol = 1e-9, ignore = [] } = {}) {
  const e = new Map(leaves(engine));
  const p = new Map(leaves(peer));
  const mismatches = [];
  const last = [];
  let equal = 0;
  for (const ptr of new Set([...e.keys(), ...p.keys()])) {
    if (ignore.some((re) => re.test(ptr))) continue;
    if (!e.has(ptr) || !p.has(ptr)) {
      mismatches.push({ ptr, engine: e.get(ptr), peer: p.get(ptr), why: e.has(ptr) ? 'missing in the peer' : 'not in the engine' });
      continue;
    }
    const a = e.get(ptr);
    const b = p.get(ptr);
    if (a === null || b === null || !isNumText(a)) {
      if (a === b || (isNumText(a) && String(b) === a)) equal++;
      else mismatches.push({ ptr, engine: a, peer: b, why: 'differs' });
      continue;
    }
    if (mode === 'exact') {
      if (typeof b !== 'string' || !isNumText(normalize(b))) mismatches.push({ ptr, engine: a, peer: b, why: 'not a decimal string' });
      else if (normalize(a) === normalize(b)) equal++;
      else if (lastDigit(a, b)) last.push({ ptr, engine: a, peer: b });
      else mismatches.push({ ptr, engine: a, peer: b, why: 'differs' });
    } else {
      const x = Number(a);
      const y = typeof b === 'number' ? b : Number(b);
      const rel = x === 0 ? Math.abs(y) : Math.abs(y - x) / Math.abs(x);
      if (rel <= tol) equal++;
      else mismatches.push({ ptr, engine: a, peer: b, why: `relative error ${rel.toExponential(2)}` });
    }
  }
  return { ok: mismatches.length === 0, fields: equal + last.length + mismatches.length, equal, lastDigit: last, mismatches };
}

/**
 * Sensitivity rows: exact peers must match row for row; a float peer is matched by lever (ties
 * in swing, such as the example's four levers that each swing revenue by exactly 150000, are
 * broken by rounding noise in floats) and the order difference is reported.
 */
export function compareSensitivity(engine, peer, opts = {}) {
  if (opts.mode === 'float') {
    const byLever = (rows) => Object.fromEntries(rows.map((r) => [r.lever, r]));
    const r = compareResults(byLever(engine), byLever(peer), opts);
    const same = engine.map((x) => x.lever).join() === peer.map((x) => x.lever).join();
    return { ...r, orderDiffers: !same, engineOrder: engine.map((x) => x.lever), peerOrder: peer.map((x) => x.lever) };
  }
  return { ...compareResults(engine, peer, opts), orderDiffers: false };
}

/**
 * Simulation summaries drawn with different random numbers: mean and percentiles within `rel`
 * (relative), the probability within `abs` (absolute), the sample count equal.
 */
export function compareSummaries(engine, peer, { rel = 0.02, abs = 0.005 } = {}) {
  const out = [];
  for (const k of ['mean', 'p10', 'p50', 'p90']) {
    const x = Number(engine[k]);
    const y = Number(peer[k]);
    const d = Math.abs(y - x) / Math.abs(x);
    out.push({ field: k, engine: engine[k], peer: peer[k], diff: d, ok: d <= rel, limit: `${rel * 100}% relative` });
  }
  if (engine.probabilityAtLeast != null || peer.probabilityAtLeast != null) {
    const x = Number(engine.probabilityAtLeast);
    const y = Number(peer.probabilityAtLeast);
    const d = Math.abs(y - x);
    out.push({ field: 'probabilityAtLeast', engine: engine.probabilityAtLeast, peer: peer.probabilityAtLeast, diff: d, ok: d <= abs, limit: `${abs} absolute` });
  }
  const samplesOk = Number(engine.samples) === Number(peer.samples);
  out.push({ field: 'samples', engine: engine.samples, peer: peer.samples, diff: 0, ok: samplesOk, limit: 'equal' });
  return { ok: out.every((f) => f.ok), fields: out };
}
