// Telling screen readers the headline results after the reader changed something. Part of what
// editing loads: only the reader's own changes are announced, and the summary's words are in the
// rest of the language, which editing loads too.
import { formatNumber } from './format.js';

/**
 * Puts "Revenue $750,000, 60 deals, 75% of the target." in the live region.
 * @param {import('./view.js').CalculatorView} view
 */
export function announce(view) {
  const { report, t, live } = view;
  if (!report || !live) return;
  const style = view.numberStyle;
  let summary = t('summary', { rev: formatNumber(report.funnel.revenue, 'money', style), deals: formatNumber(report.funnel.deals, 'count', style) });
  if (report.target) summary += `, ${t('summaryTarget', { att: formatNumber(report.target.attainment, 'percent', style) })}`;
  live.textContent = `${summary}.`;
}
