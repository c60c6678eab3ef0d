// The reader's state: the contract model plus what-if changes and uncertainty ranges.
// Everything here is plain data with decimal strings, so it survives JSON and the URL unchanged.
// Reading the model and what-if attributes and the URL fragment is in io.js, loaded when needed.

export const PRESETS = ['inbound', 'outbound', 'leads', 'unit-economics'];
export const SECTIONS = ['funnel', 'target', 'velocity', 'whatif', 'goal', 'sensitivity', 'uncertainty', 'economics', 'retention', 'growth', 'share'];

// Starting numbers per preset; [top, rates, dealSize, target, cycleDays, acquisitionCost].
const BASE = {
  inbound: ['12000', ['0.025', '0.2'], '12500', '1000000', '45', '90000'],
  outbound: ['2000', ['0.05', '0.25'], '8000', '250000', '60', '60000'],
  leads: ['500', ['0.4', '0.5', '0.3'], '4500', '150000', '30', '24000'],
  'unit-economics': ['400', ['0.15'], '12500', '1000000', '45', '90000'],
};

/** The example model of a preset; inbound is exactly the contract's example. */
export function presetModel(preset, t) {
  const [top, rates, dealSize, target, cycleDays, acquisitionCost] = BASE[preset];
  const names = t(`st_${preset}`).split('|');
  return {
    funnel: { top, stages: rates.map((rate, i) => ({ name: names[i], rate })), dealSize },
    target,
    cycleDays,
    acquisitionCost,
    customer: { purchaseValue: dealSize, purchasesPerYear: '1', lifespanYears: '4', grossMargin: '0.6' },
    retention: { start: '200', end: '210', new: '30' },
    growth: { previous: '800000', current: '912000' },
  };
}

export const defaultSections = (preset) => (preset === 'unit-economics' ? 'funnel economics retention whatif' : 'funnel target whatif goal').split(' ');

/** Parses `sections`; returns { list, bad } where bad names the unknown words. */
export function parseSections(value) {
  const words = value.split(/[\s,]+/).filter(Boolean);
  if (words.includes('all')) return { list: SECTIONS, bad: [] };
  return { list: words.filter((w) => SECTIONS.includes(w)), bad: words.filter((w) => !SECTIONS.includes(w)) };
}

export function getAt(obj, ptr) {
  return ptr
    .split('/')
    .slice(1)
    .reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

/** Sets (or, for undefined, deletes) the value at a pointer, creating objects on the way. */
export function setAt(obj, ptr, v) {
  const keys = ptr.split('/').slice(1);
  const last = keys.pop();
  let o = obj;
  for (const k of keys) o = o[k] ??= {};
  if (v === undefined) delete o[last];
  else o[last] = v;
}

/** The state value in a location hash, if any: "#skc=…" or among "&"-separated pairs. */
export const hashValue = (hash) => /(?:^#?\??|[&#?])skc=([^&#?]*)/.exec(hash)?.[1] ?? null;
