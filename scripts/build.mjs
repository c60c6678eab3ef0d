#!/usr/bin/env node
// Builds the npm package's engine: Rust -> wasm32 -> wasm-bindgen (--target web) -> wasm-opt -Oz,
// then bundles the widget into www/dist/ (scripts/bundle.mjs).
//
//   node scripts/build.mjs               -> www/pkg/sales_kpi.js, sales_kpi_bg.wasm, sales_kpi.d.ts
//                                           and www/pkg-embed/ (the same without the `plan` export,
//                                           feature `plan-export` off), which www/dist/ bundles,
//                                           sales_kpi_schema.js/.json/.d.ts (from src/schema.rs)
//                                           www/dist/ (widget, engine, embed page, oEmbed documents,
//                                           sales-kpi-wordpress.zip: scripts/integrations.mjs)
//   node scripts/build.mjs --test-trap   -> www/pkg-test/ (same names), built with `--features test-trap`
//   SALES_KPI_TEST_TRAP=1 node scripts/build.mjs   same as --test-trap
//
// Assumes the tools are present (run scripts/setup.mjs first, as `npm start` / `npm test` do).
//
// wasm-opt: the npm package `binaryen` (a pinned devDependency, node_modules/.bin/wasm-opt) is used,
// or $WASM_OPT if set. Debian's binaryen 108 is NOT used: it rewrites the export of wasm-bindgen's
// externref table (`__wbindgen_externrefs`) to point at the funcref table, so init() then fails with
// "WebAssembly.Table.set(): Argument 1 is invalid for table". The smoke check below catches that.
import { writeFirstViews } from './first-views.mjs';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = 'wasm32-unknown-unknown';
const NAME = 'sales_kpi';

// Features of the wasm that rustc (wasm32 defaults) and wasm-bindgen (externref table, multi-value
// returns) emit; wasm-opt must keep them.
const WASM_OPT_FEATURES = [
  '--enable-bulk-memory',
  '--enable-sign-ext',
  '--enable-nontrapping-float-to-int',
  '--enable-mutable-globals',
  '--enable-reference-types',
  '--enable-multivalue',
];

// -Oz, plus two assumptions that hold for Rust's wasm32 output and saved 740 B brotli together:
// --ignore-implicit-traps (Rust checks divisors and bounds itself and never relies on a load or a
// division trapping) and --low-memory-unused (the stack comes first in memory and grows down
// toward address 0, so the lowest 1 KB is touched only by a stack of almost 1 MB; the engine's
// recursion is capped at 17 levels). --converge repeats -Oz until nothing shrinks (60 B).
/** LLVM's inlining threshold for the npm package's engine (see `build`). */
const PACKAGE_INLINE_THRESHOLD = 75;

const WASM_OPT_FLAGS = ['-Oz', '--ignore-implicit-traps', '--low-memory-unused', '--converge'];

export function wasmOptPath() {
  if (process.env.WASM_OPT) return process.env.WASM_OPT;
  const local = join(ROOT, 'node_modules', '.bin', 'wasm-opt');
  if (existsSync(local)) return local;
  throw new Error('wasm-opt not found: run `npm ci` (it comes with the `binaryen` devDependency) or set WASM_OPT');
}

const FUNCTIONS = ['compute', 'whatIf', 'solve', 'sensitivity', 'simulate', 'evaluate'];
// The widget's default engine (www/pkg-embed): what its default panels call (Cargo.toml, features).
const EMBED_FUNCTIONS = ['evaluate'];

/** Instantiates the built package in a fresh Node process: catches a broken wasm before any test does. */
function smokeTest(outDir, everyExport = true) {
  const js = pathToFileURL(join(outDir, `${NAME}.js`)).href;
  const wasm = join(outDir, `${NAME}_bg.wasm`);
  const script = `
    const m = await import(${JSON.stringify(js)});
    const { readFileSync } = await import('node:fs');
    m.initSync({ module: readFileSync(${JSON.stringify(wasm)}) });
    for (const f of ${JSON.stringify(everyExport ? [...FUNCTIONS, 'plan', 'progress'] : EMBED_FUNCTIONS)}) {
      if (typeof m[f] !== 'function') throw new Error('missing export ' + f);
    }
    if (${!everyExport} && ${JSON.stringify([...FUNCTIONS, 'plan', 'progress'].filter((f) => !EMBED_FUNCTIONS.includes(f)))}.some((f) => f in m)) throw new Error('the embed engine exports more than the default panels call');`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`the built package does not load in Node:\n${(r.stderr || r.stdout).trim().split('\n').slice(0, 8).join('\n')}`);
  }
}

function run(cmd, args, opts = {}) {
  console.log(`[build] $ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.error) throw new Error(`could not run ${cmd} (${r.error.code ?? r.error.message}); run \`node scripts/setup.mjs\``);
  if (r.status !== 0) throw new Error(`${cmd} failed with exit code ${r.status}`);
}

/**
 * Runs cargo and returns the path of the .wasm it produced (wherever the target dir is:
 * CARGO_TARGET_DIR, build.target-dir, ...), read from cargo's JSON messages.
 */
function cargoBuild(args) {
  // Arguments after `--` are rustc's own (`cargo rustc`); cargo's must come before them.
  const rustc = args.indexOf('--');
  const full = rustc < 0 ? [...args, '--message-format=json-render-diagnostics'] : [...args.slice(0, rustc), '--message-format=json-render-diagnostics', ...args.slice(rustc)];
  console.log(`[build] $ cargo ${args.join(' ')}`);
  const r = spawnSync('cargo', full, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`could not run cargo (${r.error.code ?? r.error.message}); is Rust installed?`);
  if (r.status !== 0) throw new Error(`cargo failed with exit code ${r.status}`);
  let wasm = null;
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const msg = JSON.parse(line);
    if (msg.reason === 'compiler-artifact' && msg.target?.name === NAME) {
      wasm = msg.filenames.find((f) => f.endsWith('.wasm')) ?? wasm;
    }
  }
  if (!wasm || !existsSync(wasm)) throw new Error(`cargo did not report a ${NAME}.wasm artifact`);
  return wasm;
}

/** Output of `cargo run --example schema -- <flag>`: the schema table rendered natively. */
function fromSchemaTable(flag) {
  const args = ['run', '--quiet', '--example', 'schema', '--', flag];
  console.log(`[build] $ cargo ${args.join(' ')}`);
  const r = spawnSync('cargo', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.error) throw new Error(`could not run cargo (${r.error.code ?? r.error.message})`);
  if (r.status !== 0) throw new Error(`cargo run --example schema failed with exit code ${r.status}`);
  return r.stdout;
}

/**
 * Writes what comes from the engine's one schema table (src/schema.rs): the JSON schema the widget
 * reads (as .json and as an ES module with its types), and the model and error types, appended to
 * the .d.ts that wasm-bindgen wrote.
 */
function writeSchema(outDir) {
  const schema = JSON.parse(fromSchemaTable('--json'));
  writeFileSync(join(outDir, `${NAME}_schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
  writeFileSync(
    join(outDir, `${NAME}_schema.js`),
    `// Generated from the engine's schema table (src/schema.rs) by scripts/build.mjs.\nexport default ${JSON.stringify(schema, null, 2)};\n`,
  );
  writeFileSync(join(outDir, `${NAME}_schema.d.ts`), fromSchemaTable('--schema-types'));
  appendFileSync(join(outDir, `${NAME}.d.ts`), fromSchemaTable('--typescript'));
}

function kib(n) {
  return `${(n / 1024).toFixed(1)} KiB`;
}

/**
 * Builds one engine: the npm package's (www/pkg), the widget's default one with `evaluate` alone
 * (`embed`, www/pkg-embed), the widget's full one with `simulate` and `plan` for the Uncertainty
 * and Plan panels (`fullWidget`, www/pkg-full), or the test-trap build (www/pkg-test).
 */
export function build({ testTrap = false, embed = false, fullWidget = false } = {}) {
  const outDir = join(ROOT, 'www', testTrap ? 'pkg-test' : embed ? 'pkg-embed' : fullWidget ? 'pkg-full' : 'pkg');
  // The widget's engines are built for size, the package's for speed (Cargo.toml, the profiles).
  const forSpeed = !(embed || fullWidget || testTrap);
  const cargoArgs = [forSpeed ? 'rustc' : 'build', ...(embed || fullWidget ? ['--profile', 'embed'] : ['--release']), '--lib', '--target', TARGET];
  if (testTrap) cargoArgs.push('--features', 'test-trap');
  if (embed) cargoArgs.push('--no-default-features');
  // The package's engine: the crate at opt-level 2 (Cargo.toml), with LLVM's inlining
  // threshold lowered from 225 to 75, the value opt-level "s" uses. Given to this crate's
  // rustc alone, it applies where the whole program is optimised (LTO) and leaves the
  // dependencies' builds, and their cache, alone. Measured: as fast as opt-level 2 for
  // 4.0 KB less (docs/engine-builds.md, "Profiles").
  if (forSpeed) cargoArgs.push('--', `-Cllvm-args=-inline-threshold=${PACKAGE_INLINE_THRESHOLD}`);
  const raw = cargoBuild(cargoArgs);

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  // --experimental-reset-state-function: __wbg_reset_state() gives a trapped engine a fresh instance
  // (fresh memory) from the same module, so the widget recovers without loading the glue again by
  // a new URL, which a bundled glue does not have.
  run('wasm-bindgen', ['--target', 'web', '--experimental-reset-state-function', '--out-dir', outDir, '--out-name', NAME, raw]);

  const wasm = join(outDir, `${NAME}_bg.wasm`);
  const before = statSync(wasm).size;
  run(wasmOptPath(), [...WASM_OPT_FLAGS, ...WASM_OPT_FEATURES, '--strip-debug', '--strip-producers', wasm, '-o', wasm]);

  writeSchema(outDir);
  writeFirstViews(ROOT, outDir);

  for (const f of [`${NAME}.js`, `${NAME}.d.ts`, `${NAME}_bg.wasm`, `${NAME}_schema.js`, `${NAME}_schema.json`]) {
    if (!existsSync(join(outDir, f))) throw new Error(`missing ${relative(ROOT, join(outDir, f))} after the build`);
  }
  smokeTest(outDir, !embed);
  const bytes = readFileSync(wasm);
  const trapExports = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).filter((e) => /trap/i.test(e.name));
  if (!testTrap && trapExports.length) {
    throw new Error(`the published build exports ${trapExports.map((e) => e.name).join(', ')}: the test-trap feature leaked in`);
  }
  if (testTrap && !trapExports.length) console.warn('[build] warning: the test-trap build has no trap export');
  console.log(
    `[build] ${relative(ROOT, wasm)}: ${kib(bytes.length)} (${kib(before)} before wasm-opt, ${kib(gzipSync(bytes, { level: 9 }).length)} gzipped)`,
  );
  return outDir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const testTrap = process.argv.includes('--test-trap') || /^(1|true|yes)$/i.test(process.env.SALES_KPI_TEST_TRAP ?? '');
  try {
    const out = build({ testTrap });
    console.log(`[build] done: ${relative(ROOT, out)}/`);
    // Uncertainty and Plan panels: the widget (www/widget/engine.js) loads the engine with
    // `simulate` and `plan` from ../pkg-full/, the package's functions built for size like the
    // widget's default engine.
    if (!testTrap) console.log(`[build] done: ${relative(ROOT, build({ fullWidget: true }))}/`);
    if (!testTrap) {
      // The embeddable widget: minified, code-split, self-contained in www/dist/, with its default
      // engine built with `evaluate` alone (Cargo.toml, features) and the full one beside it.
      const engine = build({ embed: true });
      console.log(`[build] done: ${relative(ROOT, engine)}/`);
      const { bundle } = await import('./bundle.mjs');
      const files = await bundle({ engine });
      console.log(`[build] done: www/dist/ (${files.length} JS files and the wasm)`);
      const { PLUGIN_ZIP } = await import('./integrations.mjs');
      console.log(`[build] done: www/dist/embed.html, oEmbed documents per setting (www/dist/e/), ${relative(ROOT, PLUGIN_ZIP)} (${kib(statSync(PLUGIN_ZIP).size)})`);
    }
  } catch (e) {
    console.error(`[build] FAILED: ${e.message}`);
    process.exit(1);
  }
}
