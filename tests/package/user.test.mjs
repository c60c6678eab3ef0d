// The npm package as a user gets it (issue #23): the built package is published to a local npm
// registry (verdaccio on 127.0.0.1), then installed into a clean project whose PATH has no cargo
// or rustc, and used five ways:
//   (a) the README's Node example, run as it is written;
//   (b) a Vite production build of a page that imports sales-kpi/widget, with no Vite config;
//   (c) an esbuild bundle of the same page, plus the README's one step (copy the engines' folders);
//   (d) the installed package served from a second origin with CORS, as a CDN does, under no CSP
//       and under a CSP that names only that origin;
//   (e) tsc --strict on a file that uses the element's types;
//   (f) the Custom Elements Manifest that package.json's `customElements` names.
// (b)–(d) are checked in Chromium: the leads preset computes, plans and answers typing.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from '../../scripts/setup.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { launchBrowser } from '../browser/harness.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = {
  verdaccio: join(ROOT, 'node_modules', 'verdaccio', 'bin', 'verdaccio'),
  vite: join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
  esbuild: join(ROOT, 'node_modules', 'esbuild', 'bin', 'esbuild'),
  tsc: join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
};
const W = 'sales-kpi-calculator';
const PLAN = `${W} section[data-section=pPlan]`;

const missing = [
  ...Object.entries(BIN).filter(([, path]) => !existsSync(path)).map(([name]) => `${name} (npm ci)`),
  ...(chromiumPath() ? [] : ['Chromium (node scripts/setup.mjs --test)']),
  ...(existsSync(join(ROOT, 'www', 'dist', 'pkg-full', 'sales_kpi_bg.wasm')) ? [] : ['the build (npm run build)']),
];
const skip = missing.length ? `cannot run without ${missing.join(', ')}` : false;
if (skip) console.log(`# package step skipped: ${skip}`);

// The user's machine: no Rust on PATH.
const PATH = process.env.PATH.split(delimiter).filter((dir) => dir && !existsSync(join(dir, 'cargo')) && !existsSync(join(dir, 'rustc'))).join(delimiter);
const work = mkdtempSync(join(tmpdir(), 'sales-kpi-user-'));
const app = join(work, 'app');
const npmrc = join(work, 'npmrc');
const env = { ...process.env, PATH, npm_config_userconfig: npmrc, npm_config_cache: join(work, 'npm-cache'), npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
/** @type {import('node:child_process').ChildProcess | null} */
let registryProcess = null;
let registry = '';
let browser = null;
const servers = [];

function run(cmd, args, cwd, extra = {}) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', ...extra });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function startRegistry() {
  const port = await freePort();
  registry = `http://127.0.0.1:${port}/`;
  const config = join(work, 'verdaccio.yaml');
  // No uplinks: sales-kpi must install from its own tarball, with no dependency fetched elsewhere.
  writeFileSync(
    config,
    `storage: ${join(work, 'storage')}
auth:
  htpasswd:
    file: ${join(work, 'htpasswd')}
uplinks: {}
packages:
  '**':
    access: $all
    publish: $authenticated
logs: { type: stdout, format: pretty, level: warn }
`,
  );
  registryProcess = spawn(process.execPath, [BIN.verdaccio, '--config', config, '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  registryProcess.stdout.on('data', (chunk) => (output += chunk));
  registryProcess.stderr.on('data', (chunk) => (output += chunk));
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${registry}-/ping`)).ok) break;
    } catch {}
    if (i > 300 || registryProcess.exitCode !== null) throw new Error(`verdaccio did not start:\n${output}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
  // A user of its own, for the token that npm publish needs.
  const response = await fetch(`${registry}-/user/org.couchdb.user:publisher`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'publisher', password: 'publisher-password-1', email: 'publisher@example.org' }),
  });
  const { token } = await response.json();
  assert.ok(token, 'verdaccio gave no token');
  writeFileSync(npmrc, `registry=${registry}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
}

before(async () => {
  if (skip) return;
  await startRegistry();
  // The tarball npm publish would upload; the build is already there (prepack would build again).
  const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT).stdout)[0];
  const dryRun = run('npm', ['publish', '--dry-run', '--ignore-scripts'], ROOT);
  assert.doesNotMatch(dryRun.stderr, /npm (warn|WARN|error|ERR)/, `npm publish --dry-run is not clean:\n${dryRun.stderr}`);
  run('npm', ['publish', join(work, packed.filename), '--ignore-scripts'], work);
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
  run('npm', ['install', 'sales-kpi'], app);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
  registryProcess?.kill();
  rmSync(work, { recursive: true, force: true });
});

test('the project has no Rust, and installing ran nothing of the package', { skip }, () => {
  assert.equal(spawnSync('cargo', ['--version'], { env }).error?.code, 'ENOENT');
  assert.equal(spawnSync('rustc', ['--version'], { env }).error?.code, 'ENOENT');
  const installed = JSON.parse(readFileSync(join(app, 'node_modules', 'sales-kpi', 'package.json'), 'utf8'));
  assert.deepEqual(Object.keys(installed.scripts ?? {}).filter((name) => /install/.test(name)), []);
  assert.deepEqual(installed.dependencies ?? {}, {});
});

test('(a) the README\'s Node example runs and gives the numbers it promises', { skip }, () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Using the engine from JavaScript'));
  const code = section.match(/```js\n([\s\S]*?)```/)[1];
  // The browser's init() line is swapped for the Node line the README gives beside it, and each
  // `expression; // "value"` line becomes an assertion.
  const nodeLine = code.match(/^\/\/ Node 20: (.*)$/m)[1];
  const lines = [`import { readFileSync } from 'node:fs';`, `import assert from 'node:assert/strict';`];
  let checks = 0;
  for (const line of code.split('\n')) {
    if (/^await init\(\)/.test(line)) lines.push(nodeLine);
    else if (/^\/\/ Node 20:/.test(line)) continue;
    else if (/^import .* from 'sales-kpi';$/.test(line)) lines.push(line.replace(/^import init, \{/, 'import { initSync,'));
    else {
      const promise = line.match(/^([\w.]+);\s*\/\/ ("[^"]*")/);
      if (promise) checks++;
      lines.push(promise ? `assert.equal(${promise[1]}, ${promise[2]});` : line);
    }
  }
  assert.ok(checks >= 3, 'the example promises its numbers in comments');
  writeFileSync(join(app, 'readme-example.mjs'), `${lines.join('\n')}\nconsole.log('readme example: ok');\n`);
  assert.match(run(process.execPath, ['readme-example.mjs'], app).stdout, /readme example: ok/);
});

const PAGE_BODY = `<h1>A post</h1><${W} preset="leads" layout="dashboard"></${W}><p id="after">The rest of the post.</p>`;

/** The leads preset computes, plans (the full engine) and answers typing; nothing fails. */
async function checkLeads(url, { contextOptions = {} } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && !message.location()?.url?.endsWith('/favicon.ico') && problems.push(`console: ${message.text()}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => response.status() >= 400 && !response.url().endsWith('/favicon.ico') && problems.push(`HTTP ${response.status()}: ${response.url()}`));
  try {
    await page.goto(url);
    const revenue = page.locator(`${W} [data-result="/funnel/revenue"][data-value]`);
    await revenue.waitFor({ timeout: 30_000 });
    const before = await revenue.getAttribute('data-value');
    await page.locator(`${PLAN} .sentence`).filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 });
    const top = page.locator(`${W} input[data-field="/funnel/top"]`);
    const typed = String(Number((await top.inputValue()).replace(/\D/g, '')) * 2);
    await top.fill(typed);
    await page.waitForFunction(([selector, was]) => {
      const value = document.querySelector('sales-kpi-calculator').shadowRoot.querySelector(selector)?.getAttribute('data-value');
      return value && value !== was;
    }, ['[data-result="/funnel/revenue"][data-value]', before], { timeout: 15_000 });
    const after = await revenue.getAttribute('data-value');
    assert.equal(Number(after), Number(before) * 2, 'doubling the leads doubles the revenue');
    assert.deepEqual(problems, []);
    return page;
  } finally {
    await context.close();
  }
}

test('(b) Vite: a production build with no config; the page computes, plans and answers typing', { skip }, async () => {
  const site = join(app, 'vite');
  mkdirSync(site);
  writeFileSync(join(site, 'main.js'), `import 'sales-kpi/widget';\n`);
  writeFileSync(join(site, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vite</title><script type="module" src="./main.js"></script></head><body>${PAGE_BODY}</body></html>`);
  run(process.execPath, [BIN.vite, 'build', '--logLevel', 'warn'], site);
  assert.ok(!existsSync(join(site, 'vite.config.js')));
  const server = await startServer({ root: join(site, 'dist'), port: 0 });
  servers.push(server);
  await checkLeads(`${server.url}index.html`);
});

test('(c) esbuild: a bundle plus the README\'s one step (copy pkg/ and pkg-full/ beside the bundle\'s folder)', { skip }, async () => {
  const site = join(app, 'esbuild-site');
  mkdirSync(site);
  writeFileSync(join(app, 'esbuild-main.js'), `import 'sales-kpi/widget';\n`);
  run(BIN.esbuild, ['esbuild-main.js', '--bundle', '--format=esm', '--splitting', `--outdir=${join(site, 'js')}`, '--log-level=warning'], app);
  // The one documented step: esbuild leaves new URL('../pkg/…', import.meta.url) as it is.
  for (const engine of ['pkg', 'pkg-full']) cpSync(join(app, 'node_modules', 'sales-kpi', 'www', 'dist', engine), join(site, engine), { recursive: true });
  writeFileSync(join(site, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>esbuild</title><script type="module" src="js/esbuild-main.js"></script></head><body>${PAGE_BODY}</body></html>`);
  const server = await startServer({ root: site, port: 0 });
  servers.push(server);
  await checkLeads(`${server.url}index.html`);
});

test('(d) from a second origin with CORS, as a CDN serves it: the Plan panel\'s engine too, with and without a CSP naming only that origin', { skip }, async () => {
  const cdn = await startServer({ root: join(app, 'node_modules'), port: 0 });
  servers.push(cdn);
  const origin = cdn.url.replace(/\/$/, '');
  const script = `<script type="module" src="${cdn.url}sales-kpi/www/dist/widget/sales-kpi-calculator.js"></script>`;
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src ${origin}; script-src ${origin} 'wasm-unsafe-eval'">`;
  const pages = join(work, 'pages');
  mkdirSync(pages);
  writeFileSync(join(pages, 'plain.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CDN</title>${script}</head><body>${PAGE_BODY}</body></html>`);
  writeFileSync(join(pages, 'csp.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">${csp}<title>CDN, CSP</title>${script}</head><body>${PAGE_BODY}</body></html>`);
  const host = await startServer({ root: pages, port: 0, allowsCors: () => false });
  servers.push(host);
  assert.notEqual(new URL(host.url).origin, new URL(cdn.url).origin);
  await checkLeads(`${host.url}plain.html`);
  await checkLeads(`${host.url}csp.html`);
});

test('(e) tsc --strict: querySelector gives the element, with its properties and the change event\'s detail typed', { skip }, () => {
  const dir = join(app, 'ts');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023', 'DOM'], types: [] }, include: ['*.ts'] }),
  );
  writeFileSync(
    join(dir, 'consumer.ts'),
    `import 'sales-kpi/widget';
import type { SalesKpiCalculator, State } from 'sales-kpi/widget';
import { compute } from 'sales-kpi';
const element = document.querySelector('sales-kpi-calculator');
if (element) {
  const typed: SalesKpiCalculator = element;
  const preset: string = typed.preset;
  const kept: boolean = element.urlState;
  element.preset = 'leads';
  element.addEventListener('sales-kpi-change', (event) => {
    const top: string = event.detail.model.funnel.top;
    const state: State = event.detail;
    console.log(top, state.currency, preset, kept);
  });
}
export const revenue: string = compute({ funnel: { top: '100', stages: [{ name: 'a', rate: '0.5' }], dealSize: '3' } }).funnel.revenue;
`,
  );
  const checked = spawnSync(process.execPath, [BIN.tsc, '-p', dir, '--pretty', 'false'], { encoding: 'utf8' });
  assert.equal(checked.status, 0, checked.stdout + checked.stderr);
  // The types are real: a wrong use is refused (the element is not `any`).
  writeFileSync(
    join(dir, 'wrong.ts'),
    `import 'sales-kpi/widget';
const element = document.querySelector('sales-kpi-calculator')!;
export const preset: number = element.preset;
element.addEventListener('sales-kpi-change', (event) => { const top: number = event.detail.model.funnel.top; console.log(top); });
`,
  );
  const refused = spawnSync(process.execPath, [BIN.tsc, '-p', dir, '--pretty', 'false'], { encoding: 'utf8' });
  assert.notEqual(refused.status, 0, refused.stdout);
  assert.equal((refused.stdout.match(/wrong\.ts\(\d+,\d+\): error TS2322/g) ?? []).length, 2, refused.stdout);
});

test('(f) the installed package names its custom-elements.json, which describes the element in a module it installs', { skip }, () => {
  const installed = join(app, 'node_modules', 'sales-kpi');
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(installed, pkg.customElements), 'utf8'));
  const definition = manifest.modules.flatMap((module) => module.exports ?? []).find((entry) => entry.kind === 'custom-element-definition' && entry.name === W);
  assert.ok(definition, 'the manifest defines <sales-kpi-calculator>');
  assert.ok(existsSync(join(installed, definition.declaration.module)), `${definition.declaration.module} is not installed`);
});
