// The WordPress plugin's lists are the widget's: the build writes the widget's attributes (the
// element's JSDoc), sections and presets (www/widget/sections.js, www/widget/state.js) into the
// plugin's widget-choices.json and block.json, and the block editor's sidebar (editor.js) offers
// exactly those, each with a label of its own. The sidebar is rendered here in Node on stand-ins for WordPress's globals; the real
// editor, the PHP and the zip are checked in tests/integrations/wordpress.test.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';
import { widgetAttributes, widgetChoices } from '../../scripts/integrations.mjs';
import { translator } from '../../www/widget/i18n.js';
import { SECTION_TABLE, SECTIONS } from '../../www/widget/sections.js';
import { defaultSections, presetModel, PRESETS } from '../../www/widget/state.js';
import { ROOT } from '../browser/harness.mjs';

const PLUGIN = join(ROOT, 'integrations', 'wordpress', 'sales-kpi-calculator');
const EDITOR = readFileSync(join(PLUGIN, 'editor.js'), 'utf8');
/** The element's attributes as its JSDoc spells them: `@attr {type} name` or `@attr {type} [name=default]`. */
const JSDOC_ATTRIBUTES = [...readFileSync(join(ROOT, 'www', 'widget', 'sales-kpi-calculator.js'), 'utf8').matchAll(/@attr \{([^}]*)\} \[?([a-z-]+)(?:=([^\]]*))?\]?/g)].map(([, type, name, fallback]) => ({ type, name, fallback }));
/** Attributes the plugin does not pass on (sales_kpi_attributes), and those only the shortcode takes. */
const NOT_PASSED_ON = ['url-state'];
const SHORTCODE_ONLY = ['wasm-url'];

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
    components: Object.fromEntries(['PanelBody', 'Notice', 'SelectControl', 'CheckboxControl', 'TextControl', 'ToggleControl', 'Button'].map((name) => [name, component(name)])),
    data: { useSelect: () => false },
    // English: the labels as editor.js spells them; printf's %s and %d filled in order.
    i18n: { __: (text) => text, sprintf: (format, ...values) => format.replace(/%[sd]/g, () => String(values.shift())) },
  };
  const window = { wp, salesKpiCalculatorChoices: choices };
  const context = vm.createContext({ window, document: { currentScript: null }, location: { href: 'http://wordpress.test/wp-admin/post.php' }, URL, console: { error: (...args) => errors.push(args.join(' ')), warn: () => {}, log: () => {} } });
  vm.runInContext(EDITOR, context, { filename: 'editor.js' });
  assert.equal(blockType?.name, 'sales-kpi/calculator');
  const defaults = Object.fromEntries(Object.entries(JSON.parse(readFileSync(join(PLUGIN, 'block.json'), 'utf8')).attributes).map(([name, spec]) => [name, spec.default]));
  blockType.edit({ attributes: { ...defaults, ...attributes }, setAttributes: () => {} });
  // Plain data of this realm (editor.js's arrays are the vm context's), without the handlers.
  const plain = (value) => JSON.parse(JSON.stringify(value));
  const control = (type, label) => plain(tree.find((node) => node.type === type && node.props.label === label)?.props);
  const select = (label) => control('SelectControl', label);
  const problems = tree.filter((node) => node.type === 'Notice').map((node) => node.children.join(''));
  const preview = plain(tree.find((node) => node.type === 'sales-kpi-calculator')?.props ?? {});
  return { errors, panels: plain(tree.filter((node) => node.type === 'CheckboxControl').map((node) => node.props)), select, control, problems, preview };
}

test('the build writes the widget’s attributes, sections and presets for the plugin', async () => {
  const english = await translator('en');
  const choices = await widgetChoices();
  // The attributes: those of the element's JSDoc, with their fixed values, default and kind.
  const byName = (a, b) => a[0].localeCompare(b[0]);
  assert.deepEqual(
    choices.attributes.map((attribute) => [attribute.name, attribute.values ?? null, attribute.default ?? null, attribute.boolean ?? false]).sort(byName),
    JSDOC_ATTRIBUTES.map(({ type, name, fallback }) => [name, /'/.test(type) ? type.split('|').map((value) => value.trim().replace(/'/g, '')) : null, fallback ?? null, type === 'boolean']).sort(byName),
  );
  assert.ok(['layout', 'heading', 'editable-stages'].every((name) => choices.attributes.some((attribute) => attribute.name === name)));
  assert.deepEqual(
    choices.sections.map((section) => [section.token, section.fromFunnel, section.lead]),
    SECTION_TABLE.map((section) => [section.token, Boolean(section.fromFunnel), Boolean(section.lead)]),
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

test('block.json has a block attribute for each of the widget’s attributes the block offers, a check box’s boolean for a boolean', () => {
  const block = JSON.parse(readFileSync(join(PLUGIN, 'block.json'), 'utf8')).attributes;
  const offered = widgetAttributes().filter((attribute) => !NOT_PASSED_ON.includes(attribute.name) && !SHORTCODE_ONLY.includes(attribute.name));
  assert.deepEqual(Object.keys(block).sort(), offered.map((attribute) => attribute.block).sort());
  for (const attribute of offered) assert.equal(block[attribute.block].type, attribute.boolean ? 'boolean' : 'string', attribute.name);
});

test('readme.txt’s shortcode reference names every attribute the shortcode takes, and every preset and section in the widget’s order', () => {
  const readme = readFileSync(join(PLUGIN, 'readme.txt'), 'utf8');
  // An entry: its line and the indented lines that continue it.
  const line = (name) => new RegExp(`^\\* \`${name}\`:.*(\\n  .*)*`, 'm').exec(readme)?.[0] ?? '';
  const named = readme.split('\n').flatMap((text) => /^\* `([a-z-]+)`:/.exec(text)?.[1] ?? []);
  assert.deepEqual(named.sort(), widgetAttributes().map((attribute) => attribute.name).filter((name) => !NOT_PASSED_ON.includes(name)).sort());
  assert.deepEqual([...line('preset').matchAll(/`([a-z-]+)`/g)].map((match) => match[1]).slice(1), PRESETS);
  assert.match(line('sections'), new RegExp(`\`${SECTIONS.join(' ')}\`, or \`all\``));
  const layout = widgetAttributes().find((attribute) => attribute.name === 'layout');
  assert.deepEqual([...line('layout').matchAll(/^\* `layout`: |`([a-z]+)`/g)].flatMap((match) => match[1] ?? []), layout.values);
});

test('the sidebar offers the widget’s layouts (its default as no attribute), a heading and editable steps, and the preview gets them', async () => {
  const choices = await widgetChoices();
  const layout = choices.attributes.find((attribute) => attribute.name === 'layout');
  const plain = renderSidebar(choices, { preset: 'leads' });
  assert.deepEqual(plain.errors, []);
  const layouts = plain.select('Layout');
  assert.deepEqual(
    layouts.options.map((option) => option.value),
    layout.values.map((value) => (value === layout.default ? '' : value)),
  );
  assert.equal(new Set(layouts.options.map((option) => option.label)).size, layout.values.length);
  assert.equal(layouts.value, '');
  assert.equal(plain.control('ToggleControl', 'Readers may rename, add and remove steps').checked, false);
  assert.equal(plain.control('TextControl', 'Heading').value, '');
  assert.deepEqual(plain.problems, []);
  assert.deepEqual(Object.keys(plain.preview).filter((name) => ['layout', 'heading', 'editable-stages'].includes(name)), [], 'the defaults: no attribute');
  const set = renderSidebar(choices, { preset: 'leads', layout: 'dashboard', heading: 'Vores tragt', editableStages: true });
  assert.equal(set.select('Layout').value, 'dashboard');
  assert.match(set.select('Layout').help, /^Dashboard/);
  assert.equal(set.control('ToggleControl', 'Readers may rename, add and remove steps').checked, true);
  assert.deepEqual([set.preview.layout, set.preview.heading, Boolean(set.preview['editable-stages'])], ['dashboard', 'Vores tragt', true]);
  assert.deepEqual(set.problems, []);
  // What the sidebar cannot produce (code view, a pasted block) is named, as the server drops it.
  const wrong = renderSidebar(choices, { preset: 'leads', layout: 'grid', heading: 'two\nlines' });
  assert.equal(wrong.problems.length, 2, wrong.problems.join(' | '));
  assert.match(wrong.problems[0], /Layout “grid” is not Article or Dashboard/);
  assert.match(wrong.problems[1], /heading is not one line of at most 200 characters/);
});

test('a section or preset without a label in editor.js is reported, not shown as a bare word unnoticed', async () => {
  const choices = await widgetChoices();
  const unknown = { ...choices, sections: [...choices.sections, { token: 'no-such-panel', fromFunnel: false }], presets: [...choices.presets, { name: 'no-such-preset', stages: ['No such stage'], sections: ['funnel'] }] };
  const { errors } = renderSidebar(unknown, { preset: 'inbound' });
  for (const word of ['no-such-panel', 'no-such-preset', 'No such stage']) assert.ok(errors.some((text) => text.includes(`“${word}”`)), `${word}: ${errors.join(' | ')}`);
});
