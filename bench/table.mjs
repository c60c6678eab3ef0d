// The bench's printed tables: columns padded to a width, counts and speed ratios in words.

/** @param {unknown} s @param {number} n */
export const pad = (s, n) => String(s).padEnd(n);
/** @param {unknown} s @param {number} n */
export const lpad = (s, n) => String(s).padStart(n);
/** @param {number} n */
export const int = (n) => n.toLocaleString('en-US');
/** @param {number} x a ratio: "3.1×", "17×" */
export const times = (x) => `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;
/** @param {number} r how many times faster: "2.0× faster" or "1.5× slower" */
export const speed = (r) => (r >= 1 ? `${times(r)} faster` : `${times(1 / r)} slower`);
