// The panels a short embed rarely shows (sensitivity, uncertainty, unit economics, retention and
// growth, sharing), their styles and their part of the element's work (the sensitivity run, the
// Monte Carlo simulation, reading the ranges), loaded only when the sections ask for them.
// Like every lazily loaded part it imports nothing: K (the widget's kit, see
// sales-kpi-calculator.js) holds the helpers, so the bundler keeps the shared code in the entry.

// The same .fields rules as in levers.js: whichever loads first brings them.
export const css = `
.fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(12rem,100%),1fr));gap:0 1rem}
.fields>.field{display:grid;grid-template-rows:1fr auto}.fields>.field>label{align-self:end}
.buttons{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 .75rem}
.res.plain{display:flex;justify-content:space-between;gap:.75rem;padding:.5rem 0}
.ln.solid{stroke:var(--_muted);stroke-dasharray:none}
.res+.fields{margin-top:1.25rem}
.ranges{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(15rem,100%),1fr));gap:0 1.5rem}
.range{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);grid-template-rows:1fr auto;gap:0 .75rem;border-top:1px solid var(--_line);padding-top:.5rem}
.range>.k{grid-column:1/-1;align-self:end;font-weight:600;font-size:.875rem;margin:0 0 .375rem}
.simres{margin:.5rem 0 0}
@media print{.share{display:none}}
`;

const SENS_METRICS = ['/funnel/revenue', '/target/gap', '/velocity/perDay', '/economics/cac', '/economics/ltvToCac', '/economics/paybackMonths'];

const flat = (o, p = '', out = []) => {
  if (o && typeof o === 'object') for (const k in o) flat(o[k], `${p}/${k}`, out);
  else out.push([p, o]);
  return out;
};

export default ({ h, fmt, shift, isDec, sub, sign, getAt, setAt, call, pointerOf, field, funnelLevers, kindOf, labelOf, panel, result, show, tableBox, bar, frame, s: svgEl, text, io }) => {
  function sensPanel(w, wide) {
    const { t } = w;
    const id = w.uid();
    const sel = h('select', {
      id,
      part: 'input',
      onchange: () => {
        w.sensMetric = sel.value;
        w.recompute();
      },
    });
    const note = h('p', { class: 'hint' });
    const body = h('tbody');
    const box = h('div', { class: 'chart', part: 'chart' });
    w.after.push(() => {
      const opts = SENS_METRICS.filter((m) => getAt(w.rep, m) != null);
      if (sel.options.length !== opts.length) sel.replaceChildren(...opts.map((m) => h('option', { value: m, text: labelOf(w, m) })));
      sel.value = w.sensMetric;
      const items = w.sens ?? [];
      const kind = kindOf(w.sensMetric);
      const base = getAt(w.rep, w.sensMetric);
      note.textContent = !items.length ? t('sensNone') : items.every((x) => x.swing === items[0].swing) && w.sensMetric === '/funnel/revenue' ? t('sensEqual') : '';
      w.draw(box, (width) => tornado(width, base, items, w));
      body.replaceChildren(...items.map((x) => h('tr', {}, h('th', { scope: 'row', text: labelOf(w, x.lever) }), ['low', 'high', 'swing'].map((k) => h('td', { class: 'num', text: show(w, x[k], kind) })))));
    });
    return panel(
      w,
      'pSens',
      `sens${wide ? ' wide' : ''}`,
      h('div', { class: 'field' }, h('label', { for: id, text: t('sensMetric') }), h('div', { class: 'control' }, sel)),
      h('p', { class: 'hint', text: t('sensIntro') }),
      box,
      note,
      h('details', { class: 'alt' }, h('summary', { text: t('showTable') }), tableBox(w, t('tornado'), [t('colLever'), t('colLow'), t('colHigh'), t('colSwing')], body)),
    );
  }

  function uncPanel(w) {
    const { t } = w;
    const rows = funnelLevers(w.model).map((lever) => {
      const kind = kindOf(lever) === 'pct' ? 'pct' : kindOf(lever) === 'money' ? 'money' : 'count';
      const r = w.state.ranges[lever];
      const val = (k) => (r ? fmt(kind === 'pct' ? shift(r[k], 2) : r[k], 'input', w.loc) : '');
      const name = h('p', { class: 'k', text: labelOf(w, lever) });
      w.after.push(() => (name.textContent = labelOf(w, lever)));
      return h(
        'div',
        { class: 'range', role: 'group', 'aria-label': labelOf(w, lever) },
        name,
        field(w, lever, t('low'), kind, { data: 'data-range-low', value: val('low') }),
        field(w, lever, t('high'), kind, { data: 'data-range-high', value: val('high') }),
      );
    });
    const outs = ['p10', 'p50', 'p90', 'probabilityAtLeast'].map((k) => {
      const v = h('span', { class: 'v', 'data-sim': k });
      return [h('div', { class: 'res plain' }, h('span', { class: 'k', text: t(k === 'probabilityAtLeast' ? 'chance' : k) }), v), v, k];
    });
    const msg = h('p', { class: 'hint' });
    w.after.push(() => {
      const sim = w.sim;
      msg.textContent = sim ? t('uncNote') : t('uncEmpty');
      for (const [row, v, k] of outs) {
        const x = sim?.[k];
        row.hidden = x == null;
        v.textContent = x == null ? '' : fmt(x, k === 'probabilityAtLeast' ? 'pct' : 'money', w.loc);
        v.setAttribute('data-value', x ?? '');
      }
    });
    return panel(w, 'pUnc', 'wide unc', h('p', { class: 'hint', text: t('uncIntro') }), h('div', { class: 'ranges' }, rows), h('div', { class: 'simres', 'aria-live': 'polite' }, outs.map((o) => o[0]), msg));
  }

  function econPanel(w, wide) {
    const { t } = w;
    return panel(
      w,
      'pEcon',
      `econ${wide ? ' wide' : ''}`,
      h(
        'div',
        { class: 'fields' },
        field(w, '/acquisitionCost', t('acquisitionCost'), 'money', { hint: t('acquisitionHint') }),
        field(w, '/customer/purchaseValue', t('purchaseValue'), 'money', { hint: t('purchaseHint') }),
        field(w, '/customer/purchasesPerYear', t('purchasesPerYear'), 'count'),
        field(w, '/customer/grossMargin', t('grossMargin'), 'pct'),
        field(w, '/customer/lifespanYears', t('lifespanYears'), 'count'),
        field(w, '/customer/annualChurn', t('annualChurn'), 'pct'),
      ),
      ['/economics/cac', '/economics/clv', '/economics/ltvToCac', '/economics/paybackMonths'].map((p) => result(w, p)),
    );
  }

  function retPanel(w, wide) {
    const { t, sections: s } = w;
    return panel(
      w,
      'pRet',
      `ret${wide ? ' wide' : ''}`,
      s.has('retention') && [
        h('div', { class: 'fields' }, field(w, '/retention/start', t('start'), 'count'), field(w, '/retention/end', t('end'), 'count'), field(w, '/retention/new', t('new'), 'count')),
        result(w, '/retention/rate'),
        result(w, '/retention/churn'),
      ],
      s.has('growth') && [h('div', { class: 'fields' }, field(w, '/growth/previous', t('previous'), 'money'), field(w, '/growth/current', t('current'), 'money')), result(w, '/growth/rate')],
    );
  }

  function sharePanel(w) {
    const { t } = w;
    const status = h('p', { class: 'hint', role: 'status' });
    const id = w.uid();
    const manual = h('div', { class: 'field', hidden: true }, h('label', { for: id, text: t('copyManual') }), h('div', { class: 'control' }, h('input', { id, type: 'text', readonly: true, part: 'input' })));
    const btn = (key, fn) => h('button', { type: 'button', part: 'button', onclick: fn }, t(key));
    return panel(
      w,
      'pShare',
      'wide share',
      h('div', { class: 'buttons' }, btn('copyLink', () => copyLink(w, status, manual)), btn('csv', () => csv(w)), btn('print', () => window.print())),
      status,
      manual,
      h('p', { class: 'hint', text: t('privacy') }),
    );
  }

  /** Tornado: each lever's effect at −10 % and +10 % around the current value, biggest first. */
  function tornado(W, base, items, w) {
    const R = 40;
    const top = 22;
    const svg = frame(W, top + items.length * R + 20, w.t('tornado'));
    if (!items.length || base == null) return svg;
    const b = Number(base);
    const dev = Math.max(...items.flatMap((x) => [Math.abs(Number(x.low) - b), Math.abs(Number(x.high) - b)])) || 1;
    const cx = W / 2;
    const k = (W / 2 - 4) / dev;
    svg.append(bar(0, 4, 10, 'b2', 10), text(14, 13, w.t('colLow'), 'start', 'tx sm'), bar(70, 4, 10, 'b1', 10), text(84, 13, w.t('colHigh'), 'start', 'tx sm'));
    items.forEach((x, i) => {
      const y = top + i * R;
      const lo = cx + (Number(x.low) - b) * k;
      const hi = cx + (Number(x.high) - b) * k;
      svg.append(text(0, y + 13, labelOf(w, x.lever)), bar(Math.min(lo, cx), y + 19, Math.abs(lo - cx), 'b2'), bar(Math.min(hi, cx), y + 19, Math.abs(hi - cx), 'b1'));
    });
    const end = top + items.length * R;
    svg.append(svgEl('line', { x1: cx, x2: cx, y1: top + 14, y2: end, class: 'ln solid' }), text(cx, end + 14, show(w, base, kindOf(w.sensMetric)), 'middle', 'tx sm'));
    return svg;
  }

  async function copyLink(w, status, manual) {
    const url = `${location.href.split('#')[0]}#skc=${(await io()).encodeState(w.state)}`;
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = w.t('copied');
      manual.hidden = true;
    } catch {
      // Clipboard access is often blocked inside iframes: offer the link to copy by hand.
      const input = manual.querySelector('input');
      manual.hidden = false;
      input.value = url;
      input.select();
      input.focus();
    }
  }

  function csv(w) {
    const q = (x) => {
      x = x == null ? '' : String(x);
      // A name starting with = + - @ would run as a formula in a spreadsheet.
      if (/^[=+\-@\t\r]/.test(x) && !isDec(x)) x = `'${x}`;
      return `"${x.replace(/"/g, '""')}"`;
    };
    const rows = [['kind', 'pointer', 'label', 'value', 'what_if']];
    const withScenario = w.scen && Object.keys(w.state.whatif).length;
    for (const [p, v] of flat(w.model)) rows.push(['input', p, labelOf(w, p), v, '']);
    for (const [p, v] of flat(w.rep)) if (!p.endsWith('/name') && !/stages\/\d+\/rate$/.test(p)) rows.push(['result', p, labelOf(w, p), v, withScenario ? getAt(w.scen, p) : '']);
    // A byte-order mark so spreadsheet programs read the names as UTF-8.
    const body = `\ufeff${rows.map((r) => r.map(q).join(',')).join('\r\n')}\r\n`;
    const a = h('a', { href: URL.createObjectURL(new Blob([body], { type: 'text/csv;charset=utf-8' })), download: 'sales-kpi.csv' });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  return {
    sensPanel,
    uncPanel,
    econPanel,
    retPanel,
    sharePanel,

    /** The sensitivity of the chosen metric, when its panel is shown (called by compute). */
    compute(w) {
      if (!w.sections.has('sensitivity')) return;
      if (!w.sensMetric || getAt(w.rep, w.sensMetric) == null) w.sensMetric = '/funnel/revenue';
      try {
        w.sens = call('sensitivity', w.model, { metric: w.sensMetric, by: '0.1' });
      } catch (e) {
        if (e.restarting) throw e;
        w.sens = [];
      }
    },

    /**
     * A model field changed (w.model has the new value). The customer, retention and growth
     * fields live in these panels: an emptied section leaves the model, and lifespan and churn,
     * which say the same, exclude each other.
     */
    edited(w, ptr, v) {
      const m = w.model;
      for (const k of ['customer', 'retention', 'growth']) if (m[k] && !Object.keys(m[k]).length) delete m[k];
      const other = { '/customer/lifespanYears': '/customer/annualChurn', '/customer/annualChurn': '/customer/lifespanYears' }[ptr];
      const o = other && v !== undefined && w.field('data-field', other);
      if (o) {
        setAt(m, other, undefined);
        o.input.value = '';
        o.bad = '';
      }
    },

    /** A low or high guess changed: the lever's range, when both are numbers and in order. */
    onRange(w, lever) {
      const lo = w.field('data-range-low', lever);
      const hi = w.field('data-range-high', lever);
      const [a, b] = [lo, hi].map((f) => {
        const v = w.parse(f.input.value);
        return v && f.kind === 'pct' ? shift(v, -2) : v;
      });
      hi.bad = '';
      delete w.state.ranges[lever];
      if (a && b) {
        if (sign(sub(b, a)) < 0) hi.bad = w.t('lowHigh');
        else w.state.ranges[lever] = { low: a, high: b };
      }
    },

    /** The Monte Carlo run over the ranges (debounced by the element). */
    simulate(w) {
      if (!w.sections.has('uncertainty') || !w.rep) return;
      const ranges = Object.entries(w.state.ranges).map(([lever, { low, high }]) => {
        const cur = getAt(w.model, lever);
        // Most likely at the reader's own number when it lies inside the range.
        const inside = sign(sub(cur, low)) >= 0 && sign(sub(high, cur)) >= 0;
        return inside ? { lever, low, high, mode: cur } : { lever, low, high };
      });
      w.sim = null;
      if (ranges.length && !w.errs.length) {
        try {
          w.sim = call('simulate', w.model, { ranges, samples: 10000, seed: 1, metric: '/funnel/revenue' });
        } catch (e) {
          if (e.restarting) return w.recompute();
          const i = /^\/ranges\/(\d+)/.exec(pointerOf(e) ?? '')?.[1];
          const f = i && w.field('data-range-low', ranges[i].lever);
          if (f) f.bad = e.message.slice(e.message.indexOf(': ') + 2);
        }
      }
      w.update();
    },
  };
};
