// The npm package as built: package.json exports, the files they name, and a DOM-free import in Node.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const FUNCTIONS = ['compute', 'whatIf', 'solve', 'sensitivity', 'simulate'];

test('package.json: an ES module package whose exports name the module, the wasm and the types', () => {
  assert.equal(pkg.name, 'sales-kpi');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.private, undefined, 'published: not private');
  assert.ok(pkg.files.includes('LICENSE-MIT') && pkg.files.includes('LICENSE-APACHE'));
  assert.equal(pkg.scripts.prepack, 'node scripts/build.mjs', 'the publisher builds before packing');
  const dot = pkg.exports['.'];
  assert.equal(dot.types, './www/pkg/sales_kpi.d.ts');
  assert.equal(dot.default, './www/pkg/sales_kpi.js');
  assert.equal(Object.keys(dot)[0], 'types', '"types" must come first in the conditions');
  assert.equal(pkg.exports['./sales_kpi_bg.wasm'], './www/pkg/sales_kpi_bg.wasm');
  assert.deepEqual(pkg.exports['./widget'], { types: './types/widget.d.ts', default: './www/dist/widget/sales-kpi-calculator.js' });
  assert.equal(pkg.exports['./package.json'], './package.json');
  for (const s of ['start', 'build', 'test', 'bench']) assert.ok(pkg.scripts[s], `script ${s}`);
});

test('the files the exports name exist after the build', () => {
  for (const f of ['www/pkg/sales_kpi.js', 'www/pkg/sales_kpi.d.ts', 'www/pkg/sales_kpi_bg.wasm']) {
    assert.ok(existsSync(join(ROOT, f)), `${f} is missing (run npm run build)`);
  }
});

test('every file named by exports exists after the build (the widget included)', () => {
  const targets = Object.values(pkg.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)));
  for (const t of targets) assert.ok(existsSync(join(ROOT, t)), `${t} is missing (run npm run build)`);
});

test('the .d.ts declares the five functions and init/initSync', () => {
  const dts = readFileSync(join(ROOT, 'www/pkg/sales_kpi.d.ts'), 'utf8');
  for (const f of [...FUNCTIONS, 'initSync']) {
    assert.match(dts, new RegExp(`export function ${f}\\(`), `${f} is not declared`);
  }
  assert.match(dts, /export default function __wbg_init|export default/);
});

test('the wasm is optimised and stripped (no debug info, no producers section)', () => {
  const bytes = readFileSync(join(ROOT, 'www/pkg/sales_kpi_bg.wasm'));
  const mod = new WebAssembly.Module(bytes);
  assert.deepEqual(WebAssembly.Module.customSections(mod, 'producers').length, 0, 'producers section present');
  const debug = ['.debug_info', '.debug_line', '.debug_str', 'name'].filter((s) => WebAssembly.Module.customSections(mod, s).length > 0);
  assert.deepEqual(debug, [], 'debug sections present');
});

test('the package resolves by its own name and works in Node 20 without a DOM', () => {
  // A child process, so globals are pristine: trap any touch of DOM globals before importing.
  const script = `
    const touched = [];
    for (const name of ['document', 'window', 'customElements', 'HTMLElement', 'navigator', 'location']) {
      const had = Object.getOwnPropertyDescriptor(globalThis, name);
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() { touched.push(name); return had && 'value' in had ? had.value : had?.get?.call(globalThis); },
        set(v) { touched.push(name + '='); },
      });
    }
    const { readFileSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const m = await import('sales-kpi');
    const wasmPath = fileURLToPath(import.meta.resolve('sales-kpi/sales_kpi_bg.wasm'));
    m.initSync({ module: readFileSync(wasmPath) });
    const r = m.compute({ funnel: { top: '100', stages: [{ name: 'a', rate: '0.5' }], dealSize: '3' } });
    const fns = ${JSON.stringify(FUNCTIONS)}.filter((f) => typeof m[f] !== 'function');
    console.log(JSON.stringify({ revenue: r.funnel.revenue, missing: fns, touched: touched.filter((t) => t !== 'navigator') }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  const result = JSON.parse(out.trim().split('\n').at(-1));
  assert.deepEqual(result, { revenue: '150', missing: [], touched: [] });
});

test('importing the module does nothing until init (no fetch, no globals)', async () => {
  const before = new Set(Object.getOwnPropertyNames(globalThis));
  const m = await import(new URL('../../www/pkg/sales_kpi.js', import.meta.url).href);
  const added = Object.getOwnPropertyNames(globalThis).filter((n) => !before.has(n));
  assert.deepEqual(added, [], 'importing added globals');
  for (const f of FUNCTIONS) assert.equal(typeof m[f], 'function', f);
  assert.equal(typeof m.initSync, 'function');
  assert.equal(typeof m.default, 'function', 'default export is the async init');
});
