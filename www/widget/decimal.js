// Exact arithmetic on decimal strings, the form in which numbers cross the engine's boundary.
// Everything here works on digit strings and BigInt, never on binary floats, so what the engine
// returns is what the reader sees.

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Canonical plain decimal: no leading or trailing zeros, no "-0"; null when `text` is not one.
 * @param {string} text
 * @returns {string | null}
 */
export function normalize(text) {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(String(text).trim());
  if (!match || (match[2] === '' && !match[3])) return null;
  const whole = (match[2] || '0').replace(/^0+(?=\d)/, '');
  const fraction = (match[3] || '').replace(/0+$/, '');
  const plain = fraction ? `${whole}.${fraction}` : whole;
  return match[1] === '-' && /[1-9]/.test(plain) ? `-${plain}` : plain;
}

/**
 * Multiplies by 10^places by moving the point: shift("2.5", -2) === "0.025".
 * @param {string} value a plain decimal
 * @param {number} places
 * @returns {string}
 */
export function shift(value, places) {
  const negative = value[0] === '-';
  const [whole = '', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  let digits = whole + fraction;
  let point = whole.length + places;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  return normalize(`${negative ? '-' : ''}${digits.slice(0, point) || '0'}.${digits.slice(point)}`) ?? '0';
}

/**
 * @param {unknown} value
 * @returns {value is string}
 */
export const isPlainDecimal = (value) => typeof value === 'string' && PLAIN_DECIMAL.test(value);

/**
 * @param {string} value
 * @returns {[bigint, number]} the digits as an integer, and how many of them are decimals
 */
function scaled(value) {
  const [whole = '', fraction = ''] = value.replace('-', '').split('.');
  const digits = BigInt(whole + fraction);
  return [value[0] === '-' ? -digits : digits, fraction.length];
}

/**
 * @param {bigint} digits
 * @param {number} scale
 */
function unscaled(digits, scale) {
  const negative = digits < 0n;
  const text = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
  const cut = text.length - scale;
  return normalize(`${negative ? '-' : ''}${text.slice(0, cut)}.${text.slice(cut)}`) ?? '0';
}

/**
 * a − b, exact.
 * @param {string} a
 * @param {string} b
 */
export function subtract(a, b) {
  const [left, leftScale] = scaled(a);
  const [right, rightScale] = scaled(b);
  const scale = Math.max(leftScale, rightScale);
  return unscaled(left * 10n ** BigInt(scale - leftScale) - right * 10n ** BigInt(scale - rightScale), scale);
}

/**
 * a + b, exact.
 * @param {string} a
 * @param {string} b
 */
export const add = (a, b) => subtract(a, b[0] === '-' ? b.slice(1) : `-${b}`);

/**
 * a × b, exact.
 * @param {string} a
 * @param {string} b
 */
export function multiply(a, b) {
  const [left, leftScale] = scaled(a);
  const [right, rightScale] = scaled(b);
  return unscaled(left * right, leftScale + rightScale);
}

/**
 * a / b to `places` decimals, rounded half away from zero like the display; null when b is zero.
 * @param {string} a
 * @param {string} b
 * @param {number} places
 * @returns {string | null}
 */
export function divide(a, b, places) {
  const [left, leftScale] = scaled(a);
  const [right, rightScale] = scaled(b);
  if (right === 0n) return null;
  let numerator = left * 10n ** BigInt(places + rightScale);
  let denominator = right * 10n ** BigInt(leftScale);
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const half = denominator / 2n;
  return unscaled((numerator >= 0n ? numerator + half : numerator - half) / denominator, places);
}

/**
 * `value` rounded to `places` decimals, half away from zero: the display's rounding.
 * @param {string} value a plain decimal
 * @param {number} places
 */
export const round = (value, places) => divide(value, '1', places) ?? value;

/**
 * a / b − 1 to 12 places (only for display as a percentage); null when b is zero.
 * @param {string} a
 * @param {string} b
 * @returns {string | null}
 */
export function relativeChange(a, b) {
  const quotient = divide(a, b, 12);
  return quotient === null ? null : subtract(quotient, '1');
}

/**
 * −1, 0 or 1.
 * @param {string} value a plain decimal
 */
export const signOf = (value) => (value[0] === '-' ? -1 : /[1-9]/.test(value) ? 1 : 0);

/**
 * Compares two plain decimals: negative, zero or positive like a sort comparator.
 * @param {string} a
 * @param {string} b
 */
export const compare = (a, b) => signOf(subtract(a, b));
