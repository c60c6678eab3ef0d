// Reading what a reader typed into a number field. Text is handled as text, never parseFloat, so
// the engine receives exactly the digits that were typed. Only what can mean one number in the
// field's locale is read; anything else is refused with how to write it, never guessed:
// "1.000" in fr-FR (1 or 1 000?), "1.000.000,5" in English (another locale's separators),
// "€ 12.500" in a dollar field, "+14 %" in an amount.
import { normalize } from './decimal.js';
import { currencyAffix, formatNumber, inputNumber, numberFormat, separators } from './format.js';

/**
 * What a field's text is about: an amount in the widget's currency, a percentage, or a plain
 * number (counts, days, years, and what-if changes, whose unit is shown next to them).
 * @typedef {'money' | 'percent' | 'number'} NumberField
 * @typedef {{ value: string } | { refused: 'notNumber' | 'otherFormat' | 'otherCurrency' | 'wrongUnit' | 'ambiguous', readings?: string[] }} Reading
 * `value` is a plain decimal, "" for an empty field; `readings` are the plain decimals the text
 * could mean (ambiguous) or means in another locale's format (otherFormat).
 */

const CURRENCY_SIGN = /^(?:[€$£¥₹]|kr\.?|[A-Z]{3})|(?:[€$£¥₹]|kr\.?|[A-Z]{3})$/i;
const SPACES = /[\s\u00a0\u202f'’]/g;

/**
 * The signs that name the widget's currency in this locale: its symbol, narrow symbol and code.
 * @param {string} locale
 * @param {string} currency
 */
function ownCurrencySigns(locale, currency) {
  const narrow = numberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(1).find((part) => part.type === 'currency')?.value;
  return [currencyAffix({ locale, currency }).sign, narrow ?? '', currency].map(signOnly);
}

/** A currency sign compared without case, spaces or a final point ("kr." is "kr"). @param {string} sign */
const signOnly = (sign) => sign.replace(SPACES, '').replace(/\.$/, '').toLowerCase();

/**
 * Digits grouped by threes with `group`, or not grouped, then optionally `point` and decimals.
 * @param {string} body
 * @param {string} point
 * @param {string | null} group
 * @returns {{ whole: string, fraction: string | undefined, grouped: boolean } | null}
 */
function split(body, point, group) {
  const escape = (/** @type {string} */ mark) => (mark === '.' ? '\\.' : mark);
  const grouping = group ? `\\d{1,3}(?:${escape(group)}\\d{3})+|` : '';
  // A point at the end ("5.") is a number being typed: it is read as what it is so far.
  const match = new RegExp(`^(${grouping}\\d*)(?:${escape(point)}(\\d*))?$`).exec(body);
  if (!match || !(match[1] || match[2])) return null;
  const whole = match[1] ?? '';
  return { whole: whole.replace(/\D/g, '') || '0', fraction: match[2], grouped: /\D/.test(whole) };
}

/** @param {string} sign @param {string} whole @param {string | undefined} fraction */
const decimal = (sign, whole, fraction) => normalize(`${sign}${whole}.${fraction ?? ''}`) ?? '0';

/**
 * Reads typed text for a field of the given kind, in the locale and the widget's currency.
 * @param {string} text
 * @param {{ locale: string, currency: string, field: NumberField }} context
 * @returns {Reading}
 */
export function readNumber(text, { locale, currency, field }) {
  let compact = String(text).replace(SPACES, '').replace(/^[\u2212\u2012\u2013]/, '-');
  if (!compact) return { value: '' };
  if (compact.endsWith('%')) {
    if (field !== 'percent') return { refused: 'wrongUnit' };
    compact = compact.slice(0, -1);
  }
  // A currency sign before or after the number (after its sign: "-$5" or "$-5").
  const signed = /^[+-]/.exec(compact)?.[0] ?? '';
  const unsigned = compact.slice(signed.length);
  const currencySign = CURRENCY_SIGN.exec(unsigned)?.[0];
  const knownCode = !/^[a-z]{3}$/i.test(currencySign ?? '') || (Intl.supportedValuesOf?.('currency') ?? []).includes(currencySign?.toUpperCase() ?? '');
  if (currencySign && !knownCode) return { refused: 'notNumber' };
  if (currencySign) {
    if (field !== 'money') return { refused: 'wrongUnit' };
    if (!ownCurrencySigns(locale, currency).includes(signOnly(currencySign))) return { refused: 'otherCurrency' };
    compact = signed + unsigned.replace(CURRENCY_SIGN, '');
  }
  const match = /^([+-]?)([\d.,]+)$/.exec(compact);
  if (!match) return { refused: 'notNumber' };
  const minus = match[1] === '-' ? '-' : '';
  const body = match[2] ?? '';
  const { decimal: point, group } = separators(locale);
  const other = point === ',' ? '.' : ',';
  const ownGroup = group === other ? group : null;
  const own = split(body, point, ownGroup);
  if (own) return { value: decimal(minus, own.whole, own.fraction) };
  // One mark of the other convention that cannot group thousands ("2.5" in nl-NL, "1,5" in
  // en-US) can only be the decimal point; followed by three digits it could be either.
  const lone = new RegExp(`^(\\d*)\\${other}(\\d+)$`).exec(body);
  if (lone && !ownGroup) {
    const [, whole = '', fraction = ''] = lone;
    if (fraction.length !== 3 || !/^[1-9]\d{0,2}$/.test(whole)) return { value: decimal(minus, whole, fraction) };
    return { refused: 'ambiguous', readings: [decimal(minus, whole, fraction), decimal(minus, whole + fraction, undefined)] };
  }
  if (lone && ownGroup && lone[2]?.length !== 3) return { value: decimal(minus, lone[1] ?? '', lone[2]) };
  // Another locale's separators: "1.000.000,5" in English.
  const foreign = split(body, other, point);
  if (foreign) return { refused: 'otherFormat', readings: [decimal(minus, foreign.whole, foreign.fraction)] };
  return { refused: 'notNumber' };
}

/**
 * Typed text as a field shows it once the reader leaves it: the number in the reader's format,
 * without the unit the box already shows beside it ("135.000 kr." is "135.000", "$1,000" is
 * "1,000", "15 %" is "15"). Text that cannot be read stays as typed, next to its message.
 * @param {string} text
 * @param {{ locale: string, currency: string, field: NumberField }} context
 */
export function withoutUnit(text, context) {
  const reading = readNumber(text, context);
  return 'value' in reading && reading.value !== '' ? inputNumber(reading.value, context) : text;
}

/**
 * How to write a number for this field, as the message of a refusal.
 * @param {Exclude<Reading, { value: string }>} reading
 * @param {NumberField} field
 * @param {{ t: import('./state.js').Translate, numberStyle: import('./format.js').NumberStyle }} view
 */
export function refusalText(reading, field, { t, numberStyle }) {
  // An example of typing shows the cents that an amount of its size would not show as a result.
  const example = field === 'money' ? formatNumber('1234.56', 'money', numberStyle, '1') : `${formatNumber('1234.5', 'input', numberStyle)}${field === 'percent' ? ' %' : ''}`;
  const shown = (/** @type {string} */ value) => `${formatNumber(value, 'input', numberStyle)}${field === 'percent' ? ' %' : ''}`;
  const [first = '', second = ''] = reading.readings ?? [];
  switch (reading.refused) {
    case 'ambiguous':
      return t('readAmbiguous', { a: shown(first), b: shown(second) });
    case 'otherFormat':
      return t('readOtherFormat', { ex: shown(first) });
    case 'otherCurrency':
      return t('readOtherCurrency', { currency: numberStyle.currency, ex: example });
    case 'wrongUnit':
      return t('readWrongUnit', { ex: example });
    default:
      return t('notNum', { ex: example });
  }
}
