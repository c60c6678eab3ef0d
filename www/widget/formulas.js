// "How is this calculated?": each result's formula with the reader's own numbers, loaded when a
// result is first opened.
import { formatNumber } from './format.js';
import { showValue } from './outputs.js';
import { stageNoun } from './pointer-display.js';

/**
 * The formula of the result at `pointer` for the view's current model and report.
 * @param {import('./view.js').CalculatorView} view
 * @param {string} pointer
 * @returns {string}
 */
export function formulaText(view, pointer) {
  const { t, numberStyle: style, report, model } = view;
  // A formula is opened on a result on screen; a part of the report that is missing shows as "—".
  if (!report) return '';
  const money = (/** @type {string | null | undefined} */ value) => formatNumber(value, 'money', style);
  // An amount the reader typed keeps its cents, so that the formula shows what it computes with.
  const typed = (/** @type {string | null | undefined} */ value) => formatNumber(value, 'money', style, '1');
  const count = (/** @type {string | null | undefined} */ value) => formatNumber(value, 'count', style);
  const percent = (/** @type {string | null | undefined} */ value) => formatNumber(value, 'percent', style);
  /** @type {Record<string, string>} */
  const customer = model.customer ?? {};
  const purchaseValue = typed(customer.purchaseValue ?? model.funnel.dealSize);
  const perYear = count(customer.purchasesPerYear ?? '1');
  const margin = percent(customer.grossMargin ?? '1');
  /** @type {{ name: string, count: string, rate: string }[]} */
  const stages = report.funnel.stages;
  const stageCount = /stages\/(\d+)\/count$/.exec(pointer);
  if (stageCount) {
    const index = Number(stageCount[1]);
    const stage = stages[index];
    if (!stage) return '';
    return t('formulaCount', { name: stage.name, prev: count(index ? stages[index - 1]?.count : model.funnel.top), rate: percent(stage.rate), v: count(stage.count) });
  }
  switch (pointer) {
    case '/funnel/revenue':
      return t('formulaRevenue', { deals: count(report.funnel.deals), size: typed(model.funnel.dealSize), v: money(report.funnel.revenue) });
    case '/funnel/deals':
      return t('formulaDeals', { name: stageNoun(view, stages.length - 1), v: count(report.funnel.deals) });
    case '/funnel/conversion':
      return t('formulaConversion', { rates: stages.map((stage) => percent(stage.rate)).join(' × '), v: percent(report.funnel.conversion) });
    case '/target/attainment':
      return t('formulaAttainment', { rev: money(report.funnel.revenue), target: typed(model.target), v: percent(report.target?.attainment) });
    case '/target/gap':
      return t('formulaGap', { rev: money(report.funnel.revenue), target: typed(model.target), v: money(report.target?.gap) });
    case '/target/dealsNeeded':
      return t('formulaDealsNeeded', { target: typed(model.target), size: typed(model.funnel.dealSize), v: count(report.target?.dealsNeeded) });
    case '/target/needed': {
      // Working back from the deals: each step's count over its rate gives the one above.
      const needed = report.target?.needed;
      if (!needed || needed.top == null || needed.stages.some((stage) => stage.count == null)) return '';
      const steps = [];
      for (let index = needed.stages.length - 1; index >= 0; index--) {
        const stage = needed.stages[index];
        const above = index ? needed.stages[index - 1] : { count: needed.top, name: view.topNoun };
        if (!stage || !above) continue;
        steps.push(`${count(stage.count)} ${stageNoun(view, index)} / ${percent(stages[index]?.rate)} = ${count(above.count)} ${index ? stageNoun(view, index - 1) : above.name}`);
      }
      return t('formulaNeeded', { steps: steps.join('; ') });
    }
    case '/velocity/perDay':
      return t('formulaPerDay', { rev: money(report.funnel.revenue), days: formatNumber(model.cycleDays, 'day', style), v: showValue(view, report.velocity?.perDay, 'perDay') });
    case '/economics/cac':
      return t('formulaCac', { cost: typed(model.acquisitionCost), deals: count(report.funnel.deals), v: money(report.economics?.cac) });
    case '/economics/clv': {
      const life = customer.lifespanYears ? formatNumber(customer.lifespanYears, 'year', style) : `(${t('formulaLife', { churn: percent(customer.annualChurn) })})`;
      return t('formulaClv', { pv: purchaseValue, ppy: perYear, life, gm: margin, v: money(report.economics?.clv) });
    }
    case '/economics/ltvToCac':
      return t('formulaLtv', { clv: money(report.economics?.clv), cac: money(report.economics?.cac), v: formatNumber(report.economics?.ltvToCac, 'ratio', style) });
    case '/economics/paybackMonths':
      return t('formulaPayback', { cac: money(report.economics?.cac), pv: purchaseValue, ppy: perYear, gm: margin, v: formatNumber(report.economics?.paybackMonths, 'month', style) });
    case '/retention/rate': {
      const retention = model.retention ?? {};
      return t('formulaRetention', { end: count(retention.end), new: count(retention.new), start: count(retention.start), v: percent(report.retention?.rate) });
    }
    case '/retention/churn':
      return t('formulaChurn', { ret: percent(report.retention?.rate), v: percent(report.retention?.churn) });
    case '/growth/rate': {
      const growth = model.growth ?? {};
      return t('formulaGrowth', { cur: typed(growth.current), prev: typed(growth.previous), v: percent(report.growth?.rate) });
    }
  }
  return '';
}
