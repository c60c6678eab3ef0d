// The Custom Elements Manifest of <sales-kpi-calculator> (custom-elements.json), made by
// @custom-elements-manifest/analyzer from the JSDoc of the element's class: editors, Storybook and
// documentation tools read the element's attributes, properties, event, CSS custom properties and
// parts from it. The npm package ships it (package.json "customElements"); scripts/bundle.mjs
// writes it into www/dist/ with every bundle, and tests/node/widget-reference.test.mjs checks the
// README's widget reference against it.
//
//   node scripts/manifest.mjs      -> www/dist/custom-elements.json
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create, ts } from '@custom-elements-manifest/analyzer';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = 'www/widget/sales-kpi-calculator.js';
/** The module the package's `./widget` export points at: the path the manifest names. */
const SHIPPED = 'www/dist/widget/sales-kpi-calculator.js';
export const MANIFEST = join(ROOT, 'www', 'dist', 'custom-elements.json');

const camelCase = (/** @type {string} */ name) => name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());

// The analyzer links an attribute to its property only for Lit-style class fields; the element's
// properties are accessors that reflect the attribute of the same name in kebab case (`what-if` ->
// `whatIf`), so the link is made here, and a property without a type of its own takes its
// attribute's. Read-only properties reflect nothing (`model` is the parsed model, not the JSON).
const reflectedProperties = {
  name: 'sales-kpi: reflected properties',
  packageLinkPhase({ customElementsManifest }) {
    for (const declaration of customElementsManifest.modules.flatMap((module) => module.declarations ?? [])) {
      for (const attribute of declaration.attributes ?? []) {
        const field = declaration.members?.find((member) => member.kind === 'field' && !member.readonly && member.name === camelCase(attribute.name));
        if (!field) continue;
        attribute.fieldName = field.name;
        field.attribute = attribute.name;
        field.reflects = true;
        field.type ??= attribute.type;
      }
    }
  },
};

// Private members (#view, #configure …) are not part of the public surface.
const publicOnly = {
  name: 'sales-kpi: public members only',
  packageLinkPhase({ customElementsManifest }) {
    for (const declaration of customElementsManifest.modules.flatMap((module) => module.declarations ?? [])) {
      if (declaration.members) declaration.members = declaration.members.filter((member) => member.privacy !== 'private');
    }
  },
};

/** The manifest, as an object. */
export function widgetManifest() {
  const source = ts.createSourceFile(SHIPPED, readFileSync(join(ROOT, SOURCE), 'utf8'), ts.ScriptTarget.ES2022, true);
  return create({ modules: [source], plugins: [reflectedProperties, publicOnly] });
}

/** The element's declaration in a manifest. */
export function elementOf(manifest) {
  return manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'sales-kpi-calculator');
}

/** Writes www/dist/custom-elements.json; returns how long the analysis took, in milliseconds. */
export function writeManifest() {
  const start = performance.now();
  writeFileSync(MANIFEST, `${JSON.stringify(widgetManifest(), null, 2)}\n`);
  return performance.now() - start;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ms = writeManifest();
  console.log(`[manifest] www/dist/custom-elements.json (${ms.toFixed(0)} ms)`);
}
