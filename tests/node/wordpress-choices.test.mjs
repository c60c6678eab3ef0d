// The WordPress plugin's lists are the widget's: the build writes the widget's sections and presets
// (www/widget/sections.js, www/widget/state.js) into the plugin's widget-choices.json and
// block.json, and the block editor's sidebar (editor.js) offers exactly those, each with a label
// of its own. The sidebar is rendered here in Node on stand-ins for WordPress's globals; the real
// editor, the PHP and the zip are checked in tests/integrations/wordpress.test.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';
import { widgetChoices } from '../../scripts/integrations.mjs';
import { translator } from '../../www/widget/i18n.js';
import { SECTION_TABLE, SECTIONS } from '../../www/widget/sections.js';
import { defaultSections, presetModel, PRESETS } from '../../www/widget/state.js';
import { ROOT } from '../browser/harness.mjs';

const EDITOR = readFileSync(join(ROOT, 'integrations', 'wordpress', 'sales-kpi-calculator', 'editor.js'), 'utf8');

/**
 * Runs editor.js with `choices` as the PHP prints them and renders its block's sidebar for
 * `attributes`; returns the elements rendered and what it logged as errors.
 */
function renderSidebar(choices, attributes) {
  const errors = [];
  const tree = [];
  const component = (name) => name;
  const createElement = (type, props, ...children) => {
    const node = { type, props: props ?? {}, children: children.flat(Infinity) };
    tree.push(node);
    return node;
  };
  let blockType = null;
  const wp = {
    blocks: { registerBlockType: (name, settings) => (blockType = { name, ...settings }) },
    element: { createElement, Fragment: component('Fragment'), useState: (init) => [typeof init === 'function' ? init() : init, () => {}], useRef: (value) => ({ current: value }), useEffect: () => {} },
    blockEditor: { InspectorControls: component('InspectorControls'), useBlockProps: (props) => props ?? {} },
    components: Object.fromEntries(['PanelBody', 'Notice', 'SelectControl', 'CheckboxControl', 'TextControl', 'Button'].map((name) => [name, component(name)])),
    data: { useSelect: () => false },
    // English: the labels as editor.js spells them; printf's %s and %d filled in order.
    i18n: { __: (text) => text, sprintf: (format, ...values) => format.replace(/%[sd]/g, () => String(values.shift())) },
  };
  const window = { wp, salesKpiCalculatorChoices: choices };
  const context = vm.createContext({ window, document: { currentScript: null }, location: { href: 'http://wordpress.test/wp-admin/post.php' }, URL, console: { error: (...args) => errors.push(args.join(' ')), warn: () => {}, log: () => {} } });
  vm.runInContext(EDITOR, context, { filename: 'editor.js' });
  assert.equal(blockType?.name, 'sales-kpi/calculator');
  blockType.edit({ attributes: { preset: 'inbound', locale: '', currency: '', sections: '', theme: '', whatIf: '', model: '', ...attributes }, setAttributes: () => {} });
  // Plain data of this realm (editor.js's arrays are the vm context's), without the handlers.
  const plain = (value) => JSON.parse(JSON.stringify(value));
  const select = (label) => plain(tree.find((node) => node.type === 'SelectControl' && node.props.label === label)?.props);
  return { errors, panels: plain(tree.filter((node) => node.type === 'CheckboxControl').map((node) => node.props)), select };
}

test('the build writes the widget’s sections and presets for the plugin', async () => {
  const english = await translator('en');
  const choices = await widgetChoices();
  assert.deepEqual(
    choices.sections.map((section) => [section.token, section.fromFunnel]),
    SECTION_TABLE.map((section) => [section.token, Boolean(section.fromFunnel)]),
  );
  assert.deepEqual(
    choices.presets,
    PRESETS.map((name) => ({ name, stages: presetModel(name, english).funnel.stages.map((stage) => stage.name), sections: defaultSections(name) })),
  );
});

test('the sidebar offers every section and preset of the widget, in its order, each with its own label, and each preset’s stages as levers', async () => {
  const choices = await widgetChoices();
  const english = await translator('en');
  for (const preset of PRESETS) {
    const sidebar = renderSidebar(choices, { preset });
    assert.deepEqual(sidebar.errors, [], `${preset}: editor.js has a label for everything the widget lists`);
    // The panels: one check box per section (each with a label: no error above).
    assert.deepEqual(
      sidebar.panels.map((panel) => panel.className),
      SECTIONS.map((token) => `sales-kpi-panel-${token}`),
    );
    assert.equal(new Set(sidebar.panels.map((panel) => panel.label)).size, SECTIONS.length, 'no two panels share a label');
    // The preset's own panels are ticked, and only those.
    assert.deepEqual(
      sidebar.panels.filter((panel) => panel.checked).map((panel) => panel.className.replace('sales-kpi-panel-', '')),
      SECTIONS.filter((token) => defaultSections(preset).includes(token)),
      `${preset}: its own panels ticked`,
    );
    // The presets, each with a name and a help text of its own.
    const presets = sidebar.select('Preset');
    assert.deepEqual(presets.options.map((option) => option.value), PRESETS);
    assert.equal(new Set(presets.options.map((option) => option.label)).size, PRESETS.length);
    assert.equal(new Set(presets.options.map((option) => option.help)).size, PRESETS.length);
    assert.ok(presets.help, `${preset}: a help text`);
    // The what-if's levers: the top, a conversion to each of the preset's stages, the deal size.
    const stages = presetModel(preset, english).funnel.stages.map((stage) => stage.name);
    const levers = sidebar.select('What-if: change').options.slice(1);
    assert.deepEqual(
      levers.map((lever) => lever.value),
      ['/funnel/top', ...stages.map((_, i) => `/funnel/stages/${i}/rate`), '/funnel/dealSize'],
    );
    assert.deepEqual(
      levers.slice(1, -1).map((lever) => lever.label),
      stages.map((name) => `Conversion to ${name}`),
    );
  }
});

test('readme.txt’s shortcode reference names every preset and section, in the widget’s order', () => {
  const readme = readFileSync(join(ROOT, 'integrations', 'wordpress', 'sales-kpi-calculator', 'readme.txt'), 'utf8');
  const line = (name) => readme.split('\n').find((text) => text.startsWith(`* \`${name}\`:`)) ?? '';
  assert.deepEqual([...line('preset').matchAll(/`([a-z-]+)`/g)].map((match) => match[1]).slice(1), PRESETS);
  assert.match(line('sections'), new RegExp(`\`${SECTIONS.join(' ')}\`, or \`all\``));
});

test('a section or preset without a label in editor.js is reported, not shown as a bare word unnoticed', async () => {
  const choices = await widgetChoices();
  const unknown = { ...choices, sections: [...choices.sections, { token: 'no-such-panel', fromFunnel: false }], presets: [...choices.presets, { name: 'no-such-preset', stages: ['No such stage'], sections: ['funnel'] }] };
  const { errors } = renderSidebar(unknown, { preset: 'inbound' });
  for (const word of ['no-such-panel', 'no-such-preset', 'No such stage']) assert.ok(errors.some((text) => text.includes(`“${word}”`)), `${word}: ${errors.join(' | ')}`);
});
