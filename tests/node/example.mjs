// The contract's example model (docs/contract.md, "The model"), shared by the Node tests and
// the benchmark. A fresh copy each call, so a test may change it.
export function example() {
  return {
    funnel: {
      top: '12000',
      stages: [
        { name: 'meetings', rate: '0.025' },
        { name: 'deals', rate: '0.2' },
      ],
      dealSize: '12500',
    },
    target: '1000000',
    cycleDays: '45',
    acquisitionCost: '90000',
    customer: { purchaseValue: '12500', purchasesPerYear: '1', lifespanYears: '4', grossMargin: '0.6' },
    retention: { start: '200', end: '210', new: '30' },
    growth: { previous: '800000', current: '912000' },
  };
}

/** `progress` options for the example model (two stages, so one open entry): every field once. */
export function exampleProgressOptions() {
  return {
    start: '2027-01-01',
    end: '2027-03-31',
    reps: '4',
    capacity: '70',
    holidays: ['2027-01-01'],
    asOf: '2027-02-12',
    actuals: [
      { date: '2027-01-31', revenue: '61500', deals: '5', top: '2100', stages: ['52', '14'] },
      { date: '2027-02-12', revenue: '1000', stages: ['3'] },
    ],
    open: ['40'],
  };
}
