// "How is this calculated?": each result's formula with the reader's own numbers, loaded when a
// result is first opened. Like every lazily loaded part it imports nothing; K (the widget's kit,
// see sales-kpi-calculator.js) holds the helpers.

export default ({ fmt, show }) =>
  /** The formula of the result at `ptr` for w's current model and report. */
  (w, ptr) => {
    const { t, loc, rep: r, model: md } = w;
    const m = (v) => fmt(v, 'money', loc);
    const n = (v) => fmt(v, 'count', loc);
    const p = (v) => fmt(v, 'pct', loc);
    const c = md.customer ?? {};
    const pv = m(c.purchaseValue ?? md.funnel.dealSize);
    const ppy = n(c.purchasesPerYear ?? '1');
    const gm = p(c.grossMargin ?? '1');
    const stages = r.funnel.stages;
    const i = +/stages\/(\d+)\/count$/.exec(ptr)?.[1];
    if (i >= 0) return t('f_count', { name: stages[i].name, prev: n(i ? stages[i - 1].count : md.funnel.top), rate: p(stages[i].rate), v: n(stages[i].count) });
    switch (ptr) {
      case '/funnel/revenue':
        return t('f_revenue', { deals: n(r.funnel.deals), size: m(md.funnel.dealSize), v: m(r.funnel.revenue) });
      case '/funnel/deals':
        return t('f_deals', { name: stages.at(-1).name, v: n(r.funnel.deals) });
      case '/funnel/conversion':
        return t('f_conversion', { rates: stages.map((s) => p(s.rate)).join(' × '), v: p(r.funnel.conversion) });
      case '/target/attainment':
        return t('f_attainment', { rev: m(r.funnel.revenue), target: m(md.target), v: p(r.target.attainment) });
      case '/target/gap':
        return t('f_gap', { rev: m(r.funnel.revenue), target: m(md.target), v: m(r.target.gap) });
      case '/target/dealsNeeded':
        return t('f_dealsNeeded', { target: m(md.target), size: m(md.funnel.dealSize), v: n(r.target.dealsNeeded) });
      case '/target/needed': {
        // Working back from the deals: each step's count over its rate gives the one above.
        const need = r.target.needed;
        if (need.top == null || need.stages.some((s) => s.count == null)) return '';
        const steps = [];
        for (let j = need.stages.length - 1; j >= 0; j--) {
          const above = j ? need.stages[j - 1] : { count: need.top, name: w.topNoun };
          steps.push(`${n(need.stages[j].count)} ${need.stages[j].name} / ${p(stages[j].rate)} = ${n(above.count)} ${above.name}`);
        }
        return t('f_needed', { steps: steps.join('; ') });
      }
      case '/velocity/perDay':
        return t('f_perDay', { rev: m(r.funnel.revenue), days: fmt(md.cycleDays, 'day', loc), v: show(w, r.velocity.perDay, 'perDay') });
      case '/economics/cac':
        return t('f_cac', { cost: m(md.acquisitionCost), deals: n(r.funnel.deals), v: m(r.economics.cac) });
      case '/economics/clv': {
        const life = c.lifespanYears ? fmt(c.lifespanYears, 'year', loc) : `(${t('f_life', { churn: p(c.annualChurn) })})`;
        return t('f_clv', { pv, ppy, life, gm, v: m(r.economics.clv) });
      }
      case '/economics/ltvToCac':
        return t('f_ltv', { clv: m(r.economics.clv), cac: m(r.economics.cac), v: fmt(r.economics.ltvToCac, 'ratio', loc) });
      case '/economics/paybackMonths':
        return t('f_payback', { cac: m(r.economics.cac), pv, ppy, gm, v: fmt(r.economics.paybackMonths, 'month', loc) });
      case '/retention/rate':
        return t('f_retention', { end: n(md.retention.end), new: n(md.retention.new), start: n(md.retention.start), v: p(r.retention.rate) });
      case '/retention/churn':
        return t('f_churn', { ret: p(r.retention.rate), v: p(r.retention.churn) });
      case '/growth/rate':
        return t('f_growth', { cur: m(md.growth.current), prev: m(md.growth.previous), v: p(r.growth.rate) });
    }
    return '';
  };
