// Showing engine decimals in the reader's locale. The display rounding (half away from zero) is
// done on the decimal strings (decimal.js) before Intl.NumberFormat lays them out, so no float
// rounding sneaks in and every browser rounds alike. Amounts of 100 or more show whole units (their
// cents only look precise), rates one decimal of a percent: the footnote says so.
import { compare, round, shift, signOf } from './decimal.js';

// The embed builder (www/builder.js) imports shift from here.
export { shift };

/**
 * How a value is shown. The *Signed forms put a sign on anything but zero. 'points' is the
 * difference of two rates (0.002), shown in percentage points (0.2) without the unit's name.
 * @typedef {'money' | 'percent' | 'count' | 'ratio' | 'perDay' | 'day' | 'month' | 'year' | 'input'
 *   | 'moneySigned' | 'percentSigned' | 'countSigned' | 'ratioSigned' | 'daySigned' | 'monthSigned'
 *   | 'yearSigned' | 'pointsSigned'} DisplayKind
 */

/** @typedef {{ locale: string, currency: string }} NumberStyle */

/** @type {Map<string, Intl.NumberFormat>} */
const formatters = new Map();

/**
 * @param {string} locale
 * @param {Intl.NumberFormatOptions} options
 */
export function numberFormat(locale, options) {
  const key = locale + JSON.stringify(options);
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat(locale, /** @type {Intl.NumberFormatOptions} */ ({ roundingMode: 'halfExpand', ...options }));
    } catch {
      // maximumFractionDigits above 20 needs Intl.NumberFormat v3.
      formatter = new Intl.NumberFormat(locale, { ...options, maximumFractionDigits: Math.min(20, options.maximumFractionDigits ?? 3) });
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

/** @type {Map<string, Intl.NumberFormat>} */
const byKind = new Map();

/** @type {Record<string, Intl.NumberFormatOptions>} */
const OPTIONS = {
  // Rounded before (ratePlaces): the formatter must not cut the decimals a small rate keeps.
  percent: { style: 'percent', maximumFractionDigits: 20 },
  points: { maximumFractionDigits: 20 },
  day: { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 1 },
  month: { style: 'unit', unit: 'month', unitDisplay: 'long', maximumFractionDigits: 1 },
  year: { style: 'unit', unit: 'year', unitDisplay: 'long', maximumFractionDigits: 1 },
  input: { maximumFractionDigits: 100 },
};

/** @param {string} value */
export const magnitude = (value) => value.replace('-', '');

/**
 * Decimals a rate (0.125 for 12.5 %) shows: all of a rate with at most two decimals of a percent
 * (the reader's own 3.25 % stays 3.25 %, or a formula with it would not add up); else one decimal
 * of a percent, two significant digits below 0.1 %, and more where one would show a rate that is
 * not 100 % as 100 %.
 * @param {string} value
 */
function ratePlaces(value) {
  const size = magnitude(value);
  const given = size.split('.')[1]?.length ?? 0;
  if (given < 5) return given;
  let places = 3;
  while (places < 28 && signOf(size) && (compare(size, shift('1', Math.min(-3, 1 - places))) < 0 || (!compare(magnitude(round(value, places)), '1') && !!compare(size, '1')))) places++;
  return places;
}

/**
 * Formats an engine decimal string; "—" for a missing value. Negative numbers get the minus sign
 * (U+2212), not a hyphen.
 * @param {string | null | undefined} value
 * @param {DisplayKind} kind
 * @param {NumberStyle} style
 * @param {string | null} [sizeOf] the amount whose size sets an amount's decimals, when not its
 *   own: a difference shows as precisely as the amounts it compares
 */
export function formatNumber(value, kind, { locale, currency }, sizeOf) {
  if (value == null || value === '') return '—';
  const base = kind.replace('Signed', '');
  const rate = base === 'percent' || base === 'points' ? round(value, ratePlaces(value)) : value;
  // Whole units from 100 up (cents only look exact there), cents below.
  const shown = base === 'money' ? round(value, compare(magnitude(sizeOf ?? value), '100') < 0 ? 2 : 0) : base === 'points' ? shift(rate, 2) : rate;
  // One lookup per value, without building the options: a keystroke formats hundreds of values.
  const key = `${locale} ${kind} ${currency}`;
  let formatter = byKind.get(key);
  if (!formatter) {
    /** @type {Intl.NumberFormatOptions} */
    const options =
      base === 'money' ? { style: 'currency', currency, minimumFractionDigits: 2, trailingZeroDisplay: 'stripIfInteger' } : (OPTIONS[base] ?? {});
    byKind.set(key, (formatter = numberFormat(locale, { maximumFractionDigits: 2, ...options, signDisplay: base === kind ? 'auto' : 'exceptZero' })));
  }
  let text = formatter.format(/** @type {any} exact decimal strings are allowed by Intl */ (shown));
  // A number typed back into an input keeps the hyphen every keyboard has.
  if (base !== 'input') text = text.replace('-', '−');
  // A sign after a currency sign that stands apart (nl "€ +32.300") goes before it: "+ € 32.300".
  const signAfter = /^(\D+\s)([+−])/.exec(text);
  if (signAfter) text = `${signAfter[2]} ${signAfter[1]}${text.slice(signAfter[0].length)}`;
  return base === 'ratio' ? `${text} : 1` : text;
}

/**
 * A decimal as it is typed back into an input, in the reader's format, all digits kept.
 * @param {string} value
 * @param {NumberStyle} style
 */
export const inputNumber = (value, style) => formatNumber(value, 'input', style);

/**
 * Where the currency sign goes around an amount in this locale, for input adornments.
 * @param {NumberStyle} style
 */
export function currencyAffix({ locale, currency }) {
  const parts = numberFormat(locale, { style: 'currency', currency }).formatToParts(1);
  const at = parts.findIndex((part) => part.type === 'currency');
  return { sign: parts[at]?.value ?? currency, before: at < parts.findIndex((part) => part.type === 'integer') };
}

/**
 * The decimal and group separators of a locale.
 * @param {string} locale
 */
export function separators(locale) {
  const parts = numberFormat(locale, {}).formatToParts(12345.6);
  const find = (/** @type {string} */ type) => parts.find((part) => part.type === type)?.value;
  return { decimal: find('decimal') || '.', group: find('group') || ',' };
}
