// The float peer: the contract's compute, sensitivity and simulate with plain JS numbers
// (IEEE 754 doubles), the way a calculator is usually written. See core.mjs.
// Results are numbers, not decimal strings; ceilings are Math.ceil of a float quotient.
import { makePeer } from './core.mjs?float';

const A = {
  zero: 0,
  one: 1,
  parse: (text) => Number(text),
  array: (n) => new Float64Array(n),
  fromInt: (n) => n,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  ceilDiv: (a, b) => Math.ceil(a / b),
  cmp: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  isZero: (a) => a === 0,
  out: (a) => a,
  toFloat: (a) => a,
  draw: (low, span, t) => low + span * t,
};

export const { compute, sensitivity, simulate } = makePeer(A);
export const name = 'JS numbers';
