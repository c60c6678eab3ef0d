// The what-if panel's other levers, made the first time their <details> is opened. Like every
// lazily loaded part it imports nothing; K (the widget's kit, see sales-kpi-calculator.js) holds
// the helpers.

// The same .fields rules as in panels.js: whichever loads first brings them.
export const css = `
.fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(12rem,100%),1fr));gap:0 1rem}
.fields>.field{display:grid;grid-template-rows:1fr auto}.fields>.field>label{align-self:end}
details.levers .hint{margin:.25rem 0 .75rem}
`;

const OTHER_LEVERS = ['/cycleDays', '/acquisitionCost', '/customer/purchaseValue', '/customer/purchasesPerYear', '/customer/lifespanYears', '/customer/annualChurn', '/customer/grossMargin'];

export default ({ h, fmt, shift, field, funnelLevers, getAt, labelOf }) => {
  function leverRow(w, lever) {
    const isRate = /rate$/.test(lever);
    const c = w.state.whatif[lever];
    const f = field(w, lever, labelOf(w, lever), isRate ? 'count' : 'pct', { data: 'data-whatif', signed: true, value: c ? fmt(shift(c.value, 2), 'input', w.loc) : '' });
    const label = f.querySelector('label');
    w.after.push(() => (label.textContent = labelOf(w, lever)));
    if (isRate) {
      const sel = h(
        'select',
        { 'aria-label': w.t('unit'), 'data-whatif-unit': lever, part: 'input', onchange: () => w.onWhatIf(lever) },
        h('option', { value: 'add', text: w.t('ppShort') }),
        h('option', { value: 'by', text: w.t('unitBy') }),
      );
      sel.value = c?.unit ?? 'add';
      f.querySelector('.control').append(sel);
    }
    return f;
  }

  /** Fills the <details> with a field per lever other than the deal value, with a unit for the rates. */
  return (w, details) => {
    const levers = [...funnelLevers(w.model).filter((l) => l !== '/funnel/dealSize'), ...OTHER_LEVERS.filter((l) => getAt(w.model, l) != null)];
    details.append(h('p', { class: 'hint', text: w.t('wiMoreHint') }), h('div', { class: 'fields' }, levers.map((l) => leverRow(w, l))));
  };
};
