// The WordPress plugin's zip carries the source of its built files (source/), as the plugin
// directory asks, and its readme.txt says where; the source is enough to build them.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { unzipSync } from 'fflate';
import { PLUGIN_SLUG, PLUGIN_SOURCES, wordpressZip } from '../../scripts/integrations.mjs';

test('the plugin zip holds the source of its built files, and its readme.txt says where', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wp-zip-'));
  try {
    const out = join(dir, 'plugin.zip');
    await wordpressZip(out);
    const entries = unzipSync(readFileSync(out));
    const names = Object.keys(entries);
    // The built files and, for each, their source.
    for (const built of ['widget/sales-kpi-calculator.js', 'pkg/sales_kpi_bg.wasm', 'pkg-full/sales_kpi_bg.wasm']) assert.ok(names.includes(`${PLUGIN_SLUG}/${built}`), built);
    for (const source of ['src/lib.rs', 'src/bindings.rs', 'www/widget/sales-kpi-calculator.js', 'scripts/build.mjs', 'Cargo.lock', 'package-lock.json']) {
      assert.ok(names.includes(`${PLUGIN_SLUG}/source/${source}`), `source/${source}`);
    }
    for (const entry of PLUGIN_SOURCES) assert.ok(names.some((name) => name.startsWith(`${PLUGIN_SLUG}/source/${entry}`)), `source/${entry}`);
    // No PHP below source/: a web server would run it (the plugin's own PHP is at its top level).
    assert.deepEqual(names.filter((name) => name.startsWith(`${PLUGIN_SLUG}/source/`) && name.endsWith('.php')), []);
    // The source is the checkout's, byte for byte.
    assert.deepEqual(Buffer.from(entries[`${PLUGIN_SLUG}/source/src/lib.rs`]), readFileSync(join(import.meta.dirname, '..', '..', 'src', 'lib.rs')));
    const readme = new TextDecoder().decode(entries[`${PLUGIN_SLUG}/readme.txt`]);
    assert.match(readme, /in `source\/`/);
    assert.match(readme, /npm ci && npm run build/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
