// types/widget.d.ts restates the element's public surface for TypeScript users of `sales-kpi/widget`.
// tsc compares it with the JSDoc types of the widget's source (www/widget/), both ways, so a
// property or a state field added, removed or retyped on one side only fails here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** tsc's complaints about `source` ('' when it agrees). */
function typecheck(source) {
  const dir = mkdtempSync(join(tmpdir(), 'sales-kpi-dts-'));
  try {
    writeFileSync(join(dir, 'check.ts'), source);
    const options = { compilerOptions: { strict: true, noEmit: true, allowJs: true, checkJs: false, skipLibCheck: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023', 'DOM', 'DOM.Iterable'], types: [] }, files: ['check.ts'] };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(options));
    const r = spawnSync(process.execPath, [TSC, '-p', dir, '--pretty', 'false'], { encoding: 'utf8' });
    return (r.stdout + r.stderr).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const declared = JSON.stringify(join(ROOT, 'types', 'widget.js'));
const source = JSON.stringify(join(ROOT, 'www', 'widget', 'sales-kpi-calculator.js'));
const state = JSON.stringify(join(ROOT, 'www', 'widget', 'state.js'));
const SAME = `type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// NonNullable: the declarations say that state and model are undefined until the calculator has
// started, which the source's JSDoc (view.state: State) leaves out.
type Own<T> = { [K in keyof T as K extends keyof HTMLElement ? never : K]: NonNullable<T[K]> };`;

test('the declared element has the source element\'s properties with the same types, and the same state', () => {
  const out = typecheck(`import type { SalesKpiCalculator as Declared, State as DeclaredState } from ${declared};
import type { SalesKpiCalculator as Source } from ${source};
import type { State as SourceState } from ${state};
${SAME}
export const properties: Same<Own<Declared>, Own<Source>> = true;
export const names: Same<keyof Own<Declared>, keyof Own<Source>> = true;
export const states: Same<DeclaredState, SourceState> = true;
// An optional field missing on one side still passes the line above: the keys are compared too.
export const stateFields: Same<keyof DeclaredState, keyof SourceState> = true;
`);
  assert.equal(out, '');
});

test('the comparison fails when one property differs (the check can fail)', () => {
  const out = typecheck(`import type { SalesKpiCalculator as Declared } from ${declared};
import type { SalesKpiCalculator as Source } from ${source};
${SAME}
type Changed = Omit<Own<Declared>, 'preset'> & { preset: number };
export const properties: Same<Changed, Own<Source>> = true;
`);
  assert.match(out, /error TS2322/);
});
