#!/usr/bin/env node
// Installs what the build and the tests need, and nothing that is already there.
//
//   node scripts/setup.mjs            toolchain for the build (rust target, wasm-bindgen, npm deps;
//                                     wasm-opt comes with the npm devDependency `binaryen`)
//   node scripts/setup.mjs --test     the same, plus rustfmt, clippy, Chromium, LibreOffice Calc (with
//                                     python3-uno), Hugo and Firefox ESR for `npm test`
//
// Quiet when everything is present; prints one line per thing it installs.
// Only package registries are used (crates.io, npm, Debian apt, rustup's own channel).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WASM_TARGET = 'wasm32-unknown-unknown';

function log(msg) {
  console.log(`[setup] ${msg}`);
}

/** Runs a command quietly; returns { ok, out }. Never throws for a missing binary. */
function probe(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { ok: !r.error && r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

/** Runs a command with inherited output; throws with a clear message when it fails. */
function run(cmd, args, opts = {}) {
  console.log(`[setup] $ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.error) throw new Error(`could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
}

export function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v "$0"`, cmd], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** The exact wasm-bindgen version of Cargo.lock (or the `=x.y.z` pin of Cargo.toml as a fallback). */
export function wasmBindgenVersion() {
  const lockPath = join(ROOT, 'Cargo.lock');
  if (existsSync(lockPath)) {
    const lock = readFileSync(lockPath, 'utf8');
    for (const block of lock.split('[[package]]')) {
      if (/^\s*name\s*=\s*"wasm-bindgen"\s*$/m.test(block)) {
        const m = block.match(/^\s*version\s*=\s*"([^"]+)"\s*$/m);
        if (m) return m[1];
      }
    }
  }
  const toml = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8');
  const m = toml.match(/^\s*wasm-bindgen\s*=\s*(?:\{[^}]*version\s*=\s*)?"=?([0-9][^"]*)"/m);
  if (m) return m[1];
  throw new Error('cannot find the wasm-bindgen version in Cargo.lock or Cargo.toml');
}

let aptUpdated = false;
function aptInstall(pkgs) {
  if (!which('apt-get')) {
    throw new Error(`${pkgs.join(', ')} missing and apt-get is not available: install it with your package manager`);
  }
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = asRoot ? [] : which('sudo') ? ['sudo', '-n'] : null;
  if (sudo === null) throw new Error(`${pkgs.join(', ')} missing: run as root or install it (apt-get install ${pkgs.join(' ')})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const exec = (args) => (sudo.length ? run(sudo[0], [...sudo.slice(1), ...args], { env }) : run(args[0], args.slice(1), { env }));
  if (!aptUpdated) {
    exec(['apt-get', 'update', '-qq']);
    aptUpdated = true;
  }
  exec(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...pkgs]);
}

function ensureRust() {
  if (!which('cargo') || !which('rustc')) {
    throw new Error('Rust is not installed (cargo/rustc not on PATH). Install it with rustup: https://rustup.rs');
  }
  if (which('rustup')) {
    const installed = probe('rustup', ['target', 'list', '--installed']);
    if (!installed.out.split(/\s+/).includes(WASM_TARGET)) {
      log(`installing Rust target ${WASM_TARGET}`);
      run('rustup', ['target', 'add', WASM_TARGET]);
    }
  } else {
    log(`rustup not found; assuming the ${WASM_TARGET} target is available`);
  }
}

function ensureRustComponents() {
  const missing = [];
  if (!probe('cargo', ['fmt', '--version']).ok) missing.push('rustfmt');
  if (!probe('cargo', ['clippy', '--version']).ok) missing.push('clippy');
  if (missing.length) {
    if (!which('rustup')) throw new Error(`missing Rust components ${missing.join(', ')} and no rustup to install them`);
    log(`installing Rust components ${missing.join(', ')}`);
    run('rustup', ['component', 'add', ...missing]);
  }
}

function ensureWasmBindgen() {
  const want = wasmBindgenVersion();
  const have = probe('wasm-bindgen', ['--version']);
  const got = have.ok ? (have.out.match(/wasm-bindgen\s+(\S+)/) ?? [])[1] : null;
  if (got === want) return;
  log(got ? `wasm-bindgen CLI is ${got}, Cargo.lock needs ${want}: reinstalling` : `installing wasm-bindgen CLI ${want} (takes a few minutes)`);
  // No --locked: the CLI's own lock file may name yanked crates.
  run('cargo', ['install', '--force', 'wasm-bindgen-cli', '--version', want]);
  const after = probe('wasm-bindgen', ['--version']);
  if (!after.ok || !after.out.includes(want)) {
    throw new Error(`wasm-bindgen ${want} was installed but \`wasm-bindgen --version\` says "${after.out}"; is ~/.cargo/bin on PATH?`);
  }
}

export function chromiumPath() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
    const p = which(name);
    if (p) return p;
  }
  return null;
}

/**
 * LibreOffice Calc without a GUI, and its Python bridge in the system Python: the spreadsheet
 * tests open the exported workbooks in it (tests/sheet/read_sheet.py).
 */
function ensureLibreOffice() {
  if (which('soffice') && probe('/usr/bin/python3', ['-c', 'import uno']).ok) return;
  log('installing LibreOffice Calc (libreoffice-calc-nogui, python3-uno) for the spreadsheet tests');
  aptInstall(['libreoffice-calc-nogui', 'python3-uno']);
  if (!which('soffice') || !probe('/usr/bin/python3', ['-c', 'import uno']).ok) throw new Error('LibreOffice was installed but soffice or python3-uno is missing');
}

export function firefoxPath() {
  if (process.env.FIREFOX_PATH && existsSync(process.env.FIREFOX_PATH)) return process.env.FIREFOX_PATH;
  return which('firefox-esr') ?? which('firefox');
}

/** Hugo (the Hugo integration test) and Firefox ESR (the Firefox embed test), from apt when missing. */
function ensureHugoAndFirefox() {
  const missing = [];
  if (!which('hugo')) missing.push('hugo');
  if (!firefoxPath()) missing.push('firefox-esr');
  if (!missing.length) return;
  log(`installing ${missing.join(', ')} (Debian packages) for the Hugo and Firefox tests`);
  aptInstall(missing);
  if (!which('hugo') || !firefoxPath()) throw new Error(`${missing.join(', ')} installed but not on PATH`);
}

function ensureChromium() {
  if (chromiumPath()) return;
  log('installing Chromium (Debian package chromium) for the browser tests');
  aptInstall(['chromium', 'fonts-liberation']);
  if (!chromiumPath()) throw new Error('chromium was installed but is not on PATH');
}

/** True when node_modules holds exactly the versions package-lock.json names. */
function nodeModulesFresh() {
  const lockPath = join(ROOT, 'package-lock.json');
  if (!existsSync(join(ROOT, 'node_modules'))) return false;
  if (!existsSync(lockPath)) return false;
  const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
  for (const [path, info] of Object.entries(lock.packages ?? {})) {
    if (path === '' || info.optional || info.link) continue;
    const pj = join(ROOT, path, 'package.json');
    if (!existsSync(pj)) return false;
    try {
      if (JSON.parse(readFileSync(pj, 'utf8')).version !== info.version) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function ensureNodeModules() {
  if (nodeModulesFresh()) return;
  const hasLock = existsSync(join(ROOT, 'package-lock.json'));
  log(`installing npm dev dependencies (${hasLock ? 'npm ci' : 'npm install'})`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  run(npm, hasLock ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund']);
}

export function setup({ test = false } = {}) {
  ensureRust();
  if (test) ensureRustComponents();
  ensureWasmBindgen();
  if (test) ensureChromium();
  if (test) ensureLibreOffice();
  if (test) ensureHugoAndFirefox();
  ensureNodeModules();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    setup({ test: process.argv.includes('--test') || process.argv.includes('--browser') });
  } catch (e) {
    console.error(`[setup] FAILED: ${e.message}`);
    process.exit(1);
  }
}
