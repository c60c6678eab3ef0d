// Numbers cross this module as decimal strings. Arithmetic here is on digit strings and BigInt,
// never on binary floats, so what the engine returns is what the reader sees.

const DEC = /^-?\d+(\.\d+)?$/;

/** Canonical plain decimal: no leading or trailing zeros, no "-0" (io.js adds exponents). */
export function norm(s) {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(String(s).trim());
  if (!m || (m[2] === '' && !m[3])) return null;
  const int = (m[2] || '0').replace(/^0+(?=\d)/, '');
  const frac = (m[3] || '').replace(/0+$/, '');
  const out = frac ? `${int}.${frac}` : int;
  return m[1] === '-' && /[1-9]/.test(out) ? `-${out}` : out;
}

function moveRaw(int, frac, k) {
  let digits = int + frac;
  let point = int.length + k;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  return { int: digits.slice(0, point) || '0', frac: digits.slice(point) };
}

/** Multiplies by 10^k by moving the point: shift("2.5", -2) === "0.025". */
export function shift(s, k) {
  const neg = s[0] === '-';
  const [int, frac = ''] = (neg ? s.slice(1) : s).split('.');
  const r = moveRaw(int, frac, k);
  return norm(`${neg ? '-' : ''}${r.int}.${r.frac}`);
}

export const isDec = (s) => typeof s === 'string' && DEC.test(s);

function big(s) {
  const [int, frac = ''] = s.replace('-', '').split('.');
  const n = BigInt(int + frac);
  return [s[0] === '-' ? -n : n, frac.length];
}

function unbig(n, scale) {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(scale + 1, '0');
  const cut = digits.length - scale;
  return norm(`${neg ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`);
}

/** a - b, exact. */
export function sub(a, b) {
  const [x, p] = big(a);
  const [y, q] = big(b);
  const m = Math.max(p, q);
  return unbig(x * 10n ** BigInt(m - p) - y * 10n ** BigInt(m - q), m);
}

/** a / b - 1 to 12 places (only for display as a percentage); null when b is zero. */
export function change(a, b) {
  const [x, p] = big(a);
  const [y, q] = big(b);
  if (y === 0n) return null;
  const scale = 12;
  let num = x * 10n ** BigInt(scale + q);
  let den = y * 10n ** BigInt(p);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const half = den / 2n;
  const qt = (num >= 0n ? num + half : num - half) / den;
  return sub(unbig(qt, scale), '1');
}

const cmp0 = (s) => (s[0] === '-' ? -1 : /[1-9]/.test(s) ? 1 : 0);
export const sign = cmp0;

// ---- locale-aware input ----

export function separators(locale) {
  const parts = nf(locale, {}).formatToParts(12345.6);
  const find = (t) => parts.find((p) => p.type === t)?.value;
  return { dec: find('decimal') || '.', grp: find('group') || ',' };
}

/**
 * Turns what a reader typed into a plain decimal string: "" for an empty field, null when it is
 * not a number. The locale's separators rule, but a lone separator of the other convention that
 * cannot be a thousands separator ("2.5" in nl-NL, "1,5" in en-US) is read as the decimal point,
 * because that is what the reader meant.
 */
export function parseNum(text, locale) {
  let s = String(text)
    .replace(/[\s\u00a0\u202f'’]/g, '')
    .replace(/^[\u2212\u2012\u2013]/, '-')
    .replace(/%$|^(?:[€$£¥]|kr\.?|EUR|USD|DKK)|(?:[€$£¥]|kr\.?|EUR|USD|DKK)$/gi, '');
  if (!s) return '';
  const m = /^([+-]?)([\d.,]+)$/.exec(s);
  if (!m) return null;
  let body = m[2];
  const { dec, grp } = separators(locale);
  const [d, g] = dec === ',' ? [',', '\\.'] : ['\\.', ','];
  // Locales whose group separator is a space: the other mark can only be a decimal point.
  if (grp !== g.at(-1) && !body.includes(d.at(-1))) body = body.replace(g.at(-1), d.at(-1));
  // Digits, grouped by threes or not, and decimals; else one lone group mark is the point.
  const r = new RegExp(`^(\\d{1,3}(?:${g}\\d{3})+|\\d*)(?:${d}(\\d*))?$`).exec(body) ?? new RegExp(`^(\\d*)${g}(\\d+)$`).exec(body);
  return r && (r[1] || r[2]) ? norm(`${m[1]}${r[1].replace(/\D/g, '') || '0'}.${r[2] ?? ''}`) : null;
}

// ---- display ----

const nfCache = new Map();
function nf(locale, opts) {
  const key = locale + JSON.stringify(opts);
  let f = nfCache.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, { roundingMode: 'halfExpand', ...opts });
    } catch {
      // maximumFractionDigits above 20 needs Intl.NumberFormat v3.
      f = new Intl.NumberFormat(locale, { ...opts, maximumFractionDigits: Math.min(20, opts.maximumFractionDigits ?? 3) });
    }
    nfCache.set(key, f);
  }
  return f;
}

/**
 * Formats an engine decimal string. Intl.NumberFormat reads a string as an exact decimal, so no
 * float rounding sneaks in before the display rounding (half away from zero).
 */
export function fmt(v, kind, { locale, currency }) {
  if (v == null || v === '') return '—';
  // "moneySigned", "pctSigned", "numSigned": the same with a sign on anything but zero.
  const k = kind.replace('Signed', '');
  const opts =
    k === 'money'
      ? { style: 'currency', currency, minimumFractionDigits: 2, trailingZeroDisplay: 'stripIfInteger' }
      : k === 'pct'
        ? { style: 'percent' }
        : /^(day|month|year)$/.test(k)
          ? { style: 'unit', unit: k, unitDisplay: 'long', maximumFractionDigits: 1 }
          : k === 'input' && { maximumFractionDigits: 100 };
  const s = nf(locale, { maximumFractionDigits: 2, ...opts, signDisplay: k === kind ? 'auto' : 'exceptZero' }).format(v);
  return k === 'ratio' ? `${s} : 1` : s;
}

/** Where the currency sign goes around an amount in this locale, for input adornments. */
export function currencyAffix(loc) {
  const parts = nf(loc.locale, { style: 'currency', currency: loc.currency }).formatToParts(1);
  const i = parts.findIndex((p) => p.type === 'currency');
  return { sym: parts[i]?.value ?? loc.currency, before: i < parts.findIndex((p) => p.type === 'integer') };
}
