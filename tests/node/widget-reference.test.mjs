// The element's public surface is described once, in the JSDoc of www/widget/sales-kpi-calculator.js,
// from which scripts/manifest.mjs makes custom-elements.json. The README's widget reference is
// checked against that manifest both ways (a name the manifest has and the README lacks, or the
// reverse, fails), and so is every part name the widget's source puts on the page.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { elementOf, MANIFEST, widgetManifest } from '../../scripts/manifest.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const manifest = widgetManifest();
const element = elementOf(manifest);

/** The public names of each kind, as the manifest has them. */
function manifestNames(declaration) {
  return {
    attributes: declaration.attributes.map((attribute) => attribute.name),
    properties: declaration.members.filter((member) => member.kind === 'field' && !member.static && member.privacy !== 'private').map((member) => member.name),
    events: declaration.events.map((event) => event.name),
    'CSS custom properties': declaration.cssProperties.map((property) => property.name),
    parts: declaration.cssParts.map((part) => part.name),
  };
}

/** The README's subsection of the widget reference under `### heading` (its text up to the next heading). */
function subsection(readme, heading) {
  const reference = readme.slice(readme.indexOf('\n## The widget reference'));
  const section = reference.slice(0, reference.indexOf('\n## ', 1));
  const start = section.indexOf(`\n### ${heading}\n`);
  if (start < 0) return '';
  const end = section.indexOf('\n### ', start + 1);
  return section.slice(start, end < 0 ? undefined : end);
}

/** The names in the first cell of a subsection's table rows; for CSS custom properties every `--name` in a row. */
function readmeNames(readme) {
  const rows = (heading) => subsection(readme, heading).split('\n').filter((line) => line.startsWith('| `'));
  const firstCells = (heading) => rows(heading).map((line) => line.match(/^\| `([^`]+)`/)[1]);
  return {
    attributes: firstCells('Attributes'),
    properties: firstCells('Properties'),
    events: firstCells('Events'),
    'CSS custom properties': rows('CSS custom properties').flatMap((line) => [...line.matchAll(/`(--[\w-]+)`/g)].map((match) => match[1])),
    parts: firstCells('Parts'),
  };
}

/** What the README misses and what it has beyond the manifest, by kind; empty when they agree. */
function differences(readme, declaration) {
  const expected = manifestNames(declaration);
  const documented = readmeNames(readme);
  return Object.keys(expected).flatMap((kind) => [
    ...expected[kind].filter((name) => !documented[kind].includes(name)).map((name) => `${kind}: ${name} is in the manifest but not in the README`),
    ...documented[kind].filter((name) => !expected[kind].includes(name)).map((name) => `${kind}: the README lists ${name}, which the manifest does not have`),
  ]);
}

test('the manifest describes the element: its tag, attributes, properties, event, CSS custom properties and parts', () => {
  assert.equal(manifest.schemaVersion, '1.0.0');
  assert.equal(element?.name, 'SalesKpiCalculator');
  assert.ok(manifest.modules[0].exports.some((entry) => entry.kind === 'custom-element-definition' && entry.name === 'sales-kpi-calculator'));
  // The module the package's ./widget export loads, not the source.
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(manifest.modules[0].path, pkg.exports['./widget'].default.replace(/^\.\//, ''));
  const names = manifestNames(element);
  for (const [kind, list] of Object.entries(names)) assert.equal(new Set(list).size, list.length, `${kind} named twice: ${list}`);
  // Every name has words for it, and a reflecting property names its attribute.
  for (const item of [...element.attributes, ...element.events, ...element.cssProperties, ...element.cssParts]) assert.ok(item.description, `${item.name} has no description`);
  for (const member of element.members) assert.ok(member.description && member.type?.text, `property ${member.name} has no description or type`);
  assert.equal(element.members.find((member) => member.name === 'whatIf')?.attribute, 'what-if');
  assert.equal(element.attributes.find((attribute) => attribute.name === 'url-state')?.type?.text, 'boolean');
  assert.equal(element.events[0].type.text, 'CustomEvent<State>');
});

test('the manifest lists every CSS custom property the styles read (var(--skc-…))', () => {
  const sources = jsFiles(join(ROOT, 'www', 'widget')).map((file) => readFileSync(file, 'utf8')).join('\n');
  const read = [...new Set([...sources.matchAll(/var\((--skc-[\w-]+)/g)].map((match) => match[1]))].sort();
  assert.deepEqual(manifestNames(element)['CSS custom properties'].sort(), read);
});

test('the manifest lists every part the widget puts on the page, and no other', () => {
  const sources = jsFiles(join(ROOT, 'www', 'widget')).map((file) => readFileSync(file, 'utf8')).join('\n');
  // part: 'name …' in h() calls, part: `panel ${part}` in form.js's panel(), whose own name is its
  // third argument: panel(view, key, 'goal-panel', …).
  const literal = [...sources.matchAll(/\bpart: '([^']+)'/g)].flatMap((match) => match[1].split(' '));
  const panels = [...sources.matchAll(/\bpanel\(\s*view,\s*'[^']+',\s*'([^']+)'/g)].map((match) => match[1]);
  assert.ok(/part: `panel \$\{part\}`/.test(sources), 'form.js panel() gives the part `panel` and its own');
  const used = [...new Set([...literal, 'panel', ...panels])].sort();
  assert.deepEqual(manifestNames(element).parts.sort(), used);
  // Words a reader can look up, not translation keys (pGoal, pSens …).
  for (const name of used) assert.match(name, /^[a-z]+(-[a-z]+)*$/);
});

test('the README\'s widget reference lists what the manifest has, and nothing else', () => {
  assert.deepEqual(differences(README, element), []);
});

test('the comparison fails on a name missing from the README, and on one the manifest lacks', () => {
  const withoutGoal = README.replace(/^\| `goal-panel` \|.*\n/m, '');
  assert.notEqual(withoutGoal, README);
  assert.deepEqual(differences(withoutGoal, element), ['parts: goal-panel is in the manifest but not in the README']);
  const withExtra = README.replace('| `--skc-font` |', '| `--skc-font` | `--skc-font-size` |');
  assert.deepEqual(differences(withExtra, element), ['CSS custom properties: the README lists --skc-font-size, which the manifest does not have']);
});

test('the package ships the manifest the build writes, and names it in package.json', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(join(ROOT, pkg.customElements), MANIFEST);
  assert.ok(pkg.files.includes(pkg.customElements), 'package.json "files" has the manifest');
  if (!existsSync(MANIFEST)) return; // not built yet: the test step runs after the build
  assert.deepEqual(JSON.parse(readFileSync(MANIFEST, 'utf8')), manifest, 'www/dist/custom-elements.json is stale: run npm run build');
});

function jsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}
