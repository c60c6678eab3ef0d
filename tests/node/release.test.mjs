// npm run release (scripts/release.mjs), packaging the build already in www/ twice: the same
// bytes each time, sums that sha256sum accepts, the licenses in every file, and an npm tarball
// with what a user needs and nothing of the repository's tests.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { PLUGIN_SLUG } from '../../scripts/integrations.mjs';
import { packageVersion } from '../../scripts/version.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = packageVersion();
const work = mkdtempSync(join(tmpdir(), 'sales-kpi-release-'));
const [first, second] = [join(work, 'a'), join(work, 'b')];

function release(out) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'release.mjs'), '--no-build', `--out=${out}`], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr + r.stdout);
}

/** The names in a tar (the npm tarball), from its 512-byte headers. */
function tarNames(gz) {
  const tar = gunzipSync(gz);
  const names = [];
  for (let at = 0; at + 512 <= tar.length; ) {
    const name = tar.subarray(at, at + 100).toString('utf8').replace(/\0.*$/s, '');
    if (!name) break;
    const prefix = tar.subarray(at + 345, at + 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(tar.subarray(at + 124, at + 136).toString('utf8').trim(), 8) || 0;
    names.push(prefix ? `${prefix}/${name}` : name);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

before(() => {
  release(first);
  release(second);
});
after(() => rmSync(work, { recursive: true, force: true }));

test('release/<version>/ holds the tarball, three zips and SHA256SUMS, and two runs give the same bytes', () => {
  const names = readdirSync(first).sort();
  assert.deepEqual(names, ['SHA256SUMS', `sales-kpi-${version}.tgz`, `sales-kpi-hugo-${version}.zip`, `sales-kpi-static-${version}.zip`, `sales-kpi-wordpress-${version}.zip`]);
  assert.deepEqual(readdirSync(second).sort(), names);
  for (const name of names) assert.ok(readFileSync(join(first, name)).equals(readFileSync(join(second, name))), `${name} differs between two runs`);
});

test('sha256sum -c accepts SHA256SUMS', () => {
  const out = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: first, encoding: 'utf8' });
  assert.equal(out.trim().split('\n').filter((line) => line.endsWith(': OK')).length, 4, out);
});

test('every file carries both licenses', () => {
  const tar = tarNames(readFileSync(join(first, `sales-kpi-${version}.tgz`)));
  for (const license of ['LICENSE-MIT', 'LICENSE-APACHE']) {
    assert.ok(tar.includes(`package/${license}`), `npm tarball: ${license}`);
    // The plugin's folder is its directory slug; the other zips unpack into sales-kpi/.
    for (const [zip, folder] of [['wordpress', PLUGIN_SLUG], ['hugo', 'sales-kpi'], ['static', 'sales-kpi']]) {
      const entries = Object.keys(unzipSync(readFileSync(join(first, `sales-kpi-${zip}-${version}.zip`))));
      assert.ok(entries.includes(`${folder}/${license}`), `${zip} zip: ${license}`);
    }
  }
});

test('the npm tarball: the engine, its types, the widget with both engines; no tests, fuzz, bench or screenshots; at most 600 KB', () => {
  const gz = readFileSync(join(first, `sales-kpi-${version}.tgz`));
  assert.ok(gz.length <= 600 * 1024, `${gz.length} B packed`);
  const names = tarNames(gz).map((name) => name.replace(/^package\//, ''));
  for (const needed of ['package.json', 'README.md', 'CHANGELOG.md', 'types/widget.d.ts', 'www/pkg/sales_kpi.js', 'www/pkg/sales_kpi.d.ts', 'www/pkg/sales_kpi_bg.wasm', 'www/dist/widget/sales-kpi-calculator.js', 'www/dist/pkg/sales_kpi.js', 'www/dist/pkg/sales_kpi_bg.wasm', 'www/dist/pkg-full/sales_kpi.js', 'www/dist/pkg-full/sales_kpi_bg.wasm']) {
    assert.ok(names.includes(needed), `${needed} is missing from the tarball`);
  }
  assert.deepEqual(names.filter((name) => /^(tests|fuzz|bench|src|scripts|integrations)\/|\.png$|\.rs$|\.zip$/.test(name)), []);
  // Everything the package's exports name is in it.
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const targets = Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  for (const target of targets) assert.ok(names.includes(target.replace(/^\.\//, '')), `exports name ${target}, which the tarball lacks`);
  assert.ok(names.includes(pkg.customElements), `customElements names ${pkg.customElements}, which the tarball lacks`);
});
