// The exact peer: the contract's compute, sensitivity and simulate with decimal.js
// (precision 28 significant digits, ROUND_HALF_EVEN, plain notation). See core.mjs.
//
// Precision differs slightly from the engine's: rust_decimal keeps a 96-bit mantissa with up to 28
// digits after the point, so a quotient such as 750000 / 45 has 29 significant digits there
// (16666.666666666666666666666667) and 28 here (16666.66666666666666666666667). Sums, products
// and differences of the contract's inputs are exact in both.
import Decimal from 'decimal.js';
import { makePeer } from './core.mjs?decimal';

export const D = Decimal.clone({ precision: 28, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });
const E15 = new D('1e-15');

const A = {
  zero: new D(0),
  one: new D(1),
  parse: (text) => new D(text),
  array: (n) => new Array(n),
  fromInt: (n) => new D(n),
  add: (a, b) => a.plus(b),
  sub: (a, b) => a.minus(b),
  mul: (a, b) => a.times(b),
  div: (a, b) => a.div(b),
  /** The least whole n with n x b >= a (a >= 0, b > 0), exact like the engine's. */
  ceilDiv(a, b) {
    let q = a.div(b).ceil();
    if (q.times(b).lt(a)) q = q.plus(1);
    else if (q.gt(0) && q.minus(1).times(b).gte(a)) q = q.minus(1);
    return q;
  },
  cmp: (a, b) => a.cmp(b),
  isZero: (a) => a.isZero(),
  out: (a) => a.toString(),
  toFloat: (a) => a.toNumber(),
  // As the engine: the share is rounded to 15 decimals, so low + span x share is exact.
  draw: (low, span, t) => low.plus(span.times(new D(Math.min(Math.round(t * 1e15), 1e15)).times(E15))),
};

export const { compute, sensitivity, simulate } = makePeer(A);
export const name = 'decimal.js';
export const version = JSON.parse(
  (await import('node:fs')).readFileSync(new URL('../../node_modules/decimal.js/package.json', import.meta.url), 'utf8'),
).version;
