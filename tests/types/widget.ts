// Type check of `sales-kpi/widget` (types/widget.d.ts) as a TypeScript user meets it, run with
// api.ts (tsc -p tests/types/tsconfig.json): the element from querySelector and createElement, its
// properties, and the change event's `detail` on the element and on an ancestor. Never executed.
// Each @ts-expect-error is a wrong use that must stay refused: tsc fails if it compiles.
import 'sales-kpi/widget';
import type { SalesKpiCalculator, State } from 'sales-kpi/widget';

const found = document.querySelector('sales-kpi-calculator');
if (found) {
  const element: SalesKpiCalculator = found;
  element.preset = 'leads';
  element.whatIf = '/funnel/dealSize:+10%';
  element.urlState = true;
  const kept: boolean = element.urlState;
  const state: State | undefined = element.state;
  element.addEventListener('sales-kpi-change', (event) => {
    const top: string = event.detail.model.funnel.top;
    const rate: string | undefined = event.detail.model.funnel.stages[0]?.rate;
    const asOf: string | undefined = event.detail.progress?.asOf;
    console.log(top, rate, asOf, kept, state?.currency);
  });
  // @ts-expect-error the state is read only
  element.state = undefined;
  // @ts-expect-error urlState is a boolean, not the attribute's text
  element.urlState = 'true';
  element.addEventListener('sales-kpi-change', (event) => {
    // @ts-expect-error decimals are strings, never numbers
    const top: number = event.detail.model.funnel.top;
    console.log(top);
  });
}

// The event bubbles and is composed: a page's listener on document gets the same detail.
document.addEventListener('sales-kpi-change', (event) => {
  const currency: string = event.detail.currency;
  console.log(currency);
});

const created = document.createElement('sales-kpi-calculator');
created.sections = 'funnel whatif';
// @ts-expect-error `sections` is the attribute's space-separated text
created.sections = ['funnel', 'whatif'];
