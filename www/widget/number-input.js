// Reading what a reader typed into a number field. Text is handled as text, never parseFloat, so
// the engine receives exactly the digits that were typed.
import { normalize } from './decimal.js';
import { separators } from './format.js';

/**
 * Turns typed text into a plain decimal string: "" for an empty field, null when it is not a
 * number. The locale's separators rule, but a lone separator of the other convention that cannot
 * be a thousands separator ("2.5" in nl-NL, "1,5" in en-US) is read as the decimal point,
 * because that is what the reader meant.
 * @param {string} text
 * @param {string} locale
 * @returns {string | null}
 */
export function readNumber(text, locale) {
  const compact = String(text)
    .replace(/[\s\u00a0\u202f'’]/g, '')
    .replace(/^[\u2212\u2012\u2013]/, '-')
    .replace(/%$|^(?:[€$£¥]|kr\.?|EUR|USD|DKK)|(?:[€$£¥]|kr\.?|EUR|USD|DKK)$/gi, '');
  if (!compact) return '';
  const match = /^([+-]?)([\d.,]+)$/.exec(compact);
  if (!match) return null;
  const sign = match[1] ?? '';
  let body = match[2] ?? '';
  const { decimal, group } = separators(locale);
  const [point, mark] = decimal === ',' ? [',', '.'] : ['.', ','];
  // Locales whose group separator is a space: the other mark can only be a decimal point.
  if (group !== mark && !body.includes(point)) body = body.replace(mark, point);
  const escapedPoint = point === '.' ? '\\.' : point;
  const escapedMark = mark === '.' ? '\\.' : mark;
  // Digits, grouped by threes or not, and decimals; else one lone group mark is the point.
  const read =
    new RegExp(`^(\\d{1,3}(?:${escapedMark}\\d{3})+|\\d*)(?:${escapedPoint}(\\d*))?$`).exec(body) ??
    new RegExp(`^(\\d*)${escapedMark}(\\d+)$`).exec(body);
  if (!read || !(read[1] || read[2])) return null;
  return normalize(`${sign}${(read[1] ?? '').replace(/\D/g, '') || '0'}.${read[2] ?? ''}`);
}
