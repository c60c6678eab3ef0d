// Hand-made SVG charts (the tornado lives in panels.js). Values become floats here only to place pixels; every number shown as text
// comes from the engine's decimal strings. Each chart has a table next to it for screen readers,
// so the SVG itself is a labelled image.
import { fmt } from './format.js';

const NS = 'http://www.w3.org/2000/svg';

export function s(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text != null) e.textContent = text;
  return e;
}

export function frame(W, H, label) {
  return s('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': label, class: 'svg' });
}

export const bar = (x, y, w, cls, h = 16) => s('rect', { x: x.toFixed(1), y, width: Math.max(w, 0).toFixed(1), height: h, rx: 3, class: cls });
export const text = (x, y, str, anchor = 'start', cls = 'tx') => s('text', { x: x.toFixed(1), y, 'text-anchor': anchor, class: cls }, str);

/** Funnel: one centred bar per step; widths on a log scale so a 0.5 % step is still visible. */
export function funnel(W, rows, w) {
  const R = 42;
  const svg = frame(W, rows.length * R, w.t('funnelChart'));
  const L = Math.log10(Math.max(Number(rows[0].count), 0) + 1) || 1;
  rows.forEach((r, i) => {
    const y = i * R;
    const bw = Math.max(6, (Math.log10(Math.max(Number(r.count), 0) + 1) / L) * W);
    const label = `${r.label}: ${fmt(r.count, 'count', w.loc)}${r.rate ? ` (${fmt(r.rate, 'pct', w.loc)})` : ''}`;
    svg.append(text(W / 2, y + 13, label, 'middle'), bar((W - bw) / 2, y + 19, bw, i === rows.length - 1 ? 'b2' : 'b1', 18));
  });
  return svg;
}

/** Revenue now and in the what-if, with the target as a dashed line. */
export function scenario(W, w) {
  const base = w.rep.funnel.revenue;
  const scen = w.scen?.funnel.revenue;
  const target = w.rep.target ? w.model.target : null;
  const max = Math.max(Number(base), Number(scen ?? 0), Number(target ?? 0)) || 1;
  const top = target ? 22 : 0;
  const rows = [
    [w.t('colNow'), base, 'b0'],
    [w.t('colScenario'), scen, 'b1'],
  ];
  const svg = frame(W, top + rows.length * 42, w.t('scenarioChart'));
  rows.forEach(([label, v, cls], i) => {
    const y = top + i * 42;
    svg.append(text(0, y + 13, `${label}: ${fmt(v, 'money', w.loc)}`), bar(0, y + 19, (Number(v ?? 0) / max) * W, cls, 18));
  });
  if (target) {
    const x = Math.min(W - 1, (Number(target) / max) * W);
    svg.append(
      s('line', { x1: x, x2: x, y1: 16, y2: top + rows.length * 42, class: 'ln' }),
      text(x > W / 2 ? x - 4 : x + 4, 12, `${w.t('target')}: ${fmt(target, 'money', w.loc)}`, x > W / 2 ? 'end' : 'start', 'tx sm'),
    );
  }
  return svg;
}
