// Showing engine decimals in the reader's locale. Intl.NumberFormat reads a string as an exact
// decimal, so no float rounding sneaks in before the display rounding (half away from zero).

// The embed builder (www/builder.js) imports shift from here.
export { shift } from './decimal.js';

/**
 * How a value is shown. The *Signed forms put a sign on anything but zero.
 * @typedef {'money' | 'percent' | 'count' | 'ratio' | 'perDay' | 'day' | 'month' | 'year' | 'input'
 *   | 'moneySigned' | 'percentSigned' | 'countSigned'} DisplayKind
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
  percent: { style: 'percent' },
  day: { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 1 },
  month: { style: 'unit', unit: 'month', unitDisplay: 'long', maximumFractionDigits: 1 },
  year: { style: 'unit', unit: 'year', unitDisplay: 'long', maximumFractionDigits: 1 },
  input: { maximumFractionDigits: 100 },
};

/**
 * Formats an engine decimal string; "—" for a missing value.
 * @param {string | null | undefined} value
 * @param {DisplayKind} kind
 * @param {NumberStyle} style
 */
export function formatNumber(value, kind, { locale, currency }) {
  if (value == null || value === '') return '—';
  const base = kind.replace('Signed', '');
  // One lookup per value, without building the options: a keystroke formats hundreds of values.
  const key = `${locale} ${kind} ${currency}`;
  let formatter = byKind.get(key);
  if (!formatter) {
    /** @type {Intl.NumberFormatOptions} */
    const options =
      base === 'money' ? { style: 'currency', currency, minimumFractionDigits: 2, trailingZeroDisplay: 'stripIfInteger' } : (OPTIONS[base] ?? {});
    byKind.set(key, (formatter = numberFormat(locale, { maximumFractionDigits: 2, ...options, signDisplay: base === kind ? 'auto' : 'exceptZero' })));
  }
  const text = formatter.format(/** @type {any} exact decimal strings are allowed by Intl */ (value));
  // A sign after a currency sign that stands apart (nl "€ +32.300") goes before it: "+ € 32.300".
  const signAfter = /^(\D+\s)([+-])/.exec(text);
  if (signAfter) return `${signAfter[2] === '-' ? '−' : '+'} ${signAfter[1]}${text.slice(signAfter[0].length)}`;
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
