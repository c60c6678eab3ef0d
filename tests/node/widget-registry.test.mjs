// The section registry (www/widget/sections.js) drives what lists sections: the keys of a share
// link (url-state.js), the parts asked of the engine's `evaluate` (request.js); and a link's or an
// attribute's model is checked by the engine's schema (model-check.js) exactly as the engine
// itself checks it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { engine } from './engine.mjs';
import { example } from './example.mjs';
import { modelAccepted, whatIfAccepted } from '../../www/widget/model-check.js';
import { PARTS, evaluateRequest } from '../../www/widget/request.js';
import { HEIGHTS } from '../../www/widget/reserve.js';
import { SECTION_TABLE, firstScreen } from '../../www/widget/sections.js';
import { PRESETS, defaultSections, defaultState } from '../../www/widget/state.js';
import { encodeState, readState } from '../../www/widget/url-state.js';

const t = (key) => (key.startsWith('stages') ? 'Visitors|Leads|Deals' : key);
const linked = SECTION_TABLE.filter((section) => section.link);
const fragment = (data) => Buffer.from(JSON.stringify(data)).toString('base64url');
const linkData = (value) => JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));

/** A state with each linked section's state: options the Plan and Progress panels would keep. */
function stateWithSections() {
  const state = defaultState('leads', 'EUR', t);
  state.plan = { start: '2026-01-01', end: '2026-03-31', reps: '2', workdays: [1, 2, 3, 4, 5], holidays: ['2026-01-01'] };
  state.progress = { asOf: '2026-02-01', rows: [{ date: '', revenue: '1000', top: '100', stages: ['40', '20', '5'], deals: '2' }], open: ['40', '9'] };
  return state;
}

describe('share links follow the registry', () => {
  test('each linked section has a unique key and a shape check; the old keys pl and pg stay', async () => {
    assert.deepEqual(linked.map((section) => [section.token, section.link]), [['plan', 'pl'], ['progress', 'pg']]);
    assert.equal(new Set(linked.map((section) => section.link)).size, linked.length);
    for (const { token, linkShape } of linked) assert.equal(typeof (await linkShape()).linkState, 'function', token);
  });

  test("each section's state travels under its key and comes back", async () => {
    const state = stateWithSections();
    const value = encodeState(state);
    const data = linkData(value);
    for (const { token, link } of linked) assert.deepEqual(data[link], state[token], link);
    assert.deepEqual(await readState(value), state);
  });

  test('a link written by an earlier version (pl, pg by hand) opens with its sections', async () => {
    const state = stateWithSections();
    const old = { v: 1, p: state.preset, c: state.currency, m: state.model, w: state.whatif, r: state.ranges, pl: state.plan, pg: state.progress };
    const read = await readState(fragment(old));
    assert.deepEqual(read?.plan, state.plan);
    assert.deepEqual(read?.progress, state.progress);
  });

  test("a section's state of the wrong shape makes the link invalid", async () => {
    const state = stateWithSections();
    for (const { link } of linked) {
      const data = linkData(encodeState(state));
      data[link] = { unknown: 'x' };
      assert.equal(await readState(fragment(data)), null, link);
    }
  });
});

describe('the request follows the registry', () => {
  const state = defaultState('inbound', 'EUR', t);
  const asking = SECTION_TABLE.filter((section) => section.asks);

  test('each asked part is in the request exactly while its section is shown', () => {
    assert.deepEqual(asking.map((section) => [section.token, section.asks]), [['goal', 'goals'], ['sensitivity', 'sensitivity']]);
    for (const { token, asks } of asking) {
      assert.ok(asks in PARTS, asks);
      const shown = evaluateRequest(state.model, state, new Set(['funnel', token]), '/funnel/revenue');
      assert.notEqual(shown[asks], null, token);
      const hidden = evaluateRequest(state.model, state, new Set(['funnel']), '/funnel/revenue');
      assert.equal(hidden[asks], null, token);
    }
  });

  test('the request has the same keys in the same order as the first views the build wrote', () => {
    const request = evaluateRequest(state.model, state, new Set(['funnel', 'goal']), null);
    assert.deepEqual(Object.keys(request), ['whatIf', 'goals', 'sensitivity']);
    assert.equal(request.sensitivity, null);
    assert.equal(request.goals?.length, 4);
  });
});

test("every preset's first screen (the registry's lead sections) has its measured heights", () => {
  assert.deepEqual(SECTION_TABLE.filter((section) => section.lead).map((section) => section.token), ['funnel', 'target', 'velocity']);
  for (const preset of PRESETS) assert.ok(Array.isArray(HEIGHTS[preset]), `${preset}: ${firstScreen(defaultSections(preset)).join(' ')}`);
});

describe("model-check.js agrees with the engine's own checks", () => {
  const engineAccepts = (model, changes = null) => {
    try {
      const answer = engine.evaluate(model, { whatIf: changes });
      return !(answer.whatIf && 'error' in answer.whatIf);
    } catch {
      return false;
    }
  };
  const variants = {
    example: (m) => m,
    'rate above 1': (m) => (m.funnel.stages[0].rate = '1.5'),
    'negative top': (m) => (m.funnel.top = '-1'),
    'unknown field': (m) => (m.funnel.dealsize = '1'),
    'top as an object': (m) => (m.funnel.top = {}),
    'top missing': (m) => delete m.funnel.top,
    'no stages': (m) => (m.funnel.stages = []),
    'thirteen stages': (m) => (m.funnel.stages = Array.from({ length: 13 }, (_, i) => ({ name: `s${i}`, rate: '0.5' }))),
    'stage name too long': (m) => (m.funnel.stages[0].name = 'x'.repeat(41)),
    'empty stage name': (m) => (m.funnel.stages[0].name = ''),
    'lifespan and churn': (m) => (m.customer.annualChurn = '0.2'),
    'neither lifespan nor churn': (m) => delete m.customer.lifespanYears,
    'new above end': (m) => (m.retention.new = '300'),
    'retention start missing': (m) => delete m.retention.start,
    'zero target': (m) => (m.target = '0'),
    'no optional parts': (m) => ['target', 'cycleDays', 'acquisitionCost', 'customer', 'retention', 'growth'].forEach((key) => delete m[key]),
    'stages not a list': (m) => (m.funnel.stages = { 0: m.funnel.stages[0] }),
    'number too long': (m) => (m.funnel.top = '1'.repeat(65)),
  };
  for (const [name, change] of Object.entries(variants)) {
    test(name, () => {
      const model = example();
      change(model);
      assert.equal(modelAccepted(model), engineAccepts(model));
    });
  }

  test('what-if changes: accepted exactly where the engine takes them', () => {
    const model = example();
    const changes = [
      ['/funnel/dealSize', { unit: 'by', value: '0.1' }],
      ['/funnel/dealSize', { unit: 'by', value: '-1.5' }],
      ['/funnel/stages/0/rate', { unit: 'add', value: '0.01' }],
      ['/funnel/stages/0/rate', { unit: 'add', value: '1' }],
      ['/funnel/stages/1/rate', { unit: 'by', value: '5' }],
      ['/cycleDays', { unit: 'add', value: '-45' }],
      ['/funnel/nothing', { unit: 'by', value: '0.1' }],
    ];
    for (const [lever, change] of changes) {
      assert.equal(whatIfAccepted(model, lever, change), engineAccepts(model, [{ lever, [change.unit]: change.value }]), `${lever} ${JSON.stringify(change)}`);
    }
  });
});
