// One version: package.json's, stamped into every file that names one (scripts/version.mjs).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PLACES, drift, packageVersion, stamp, versionPlaces } from '../../scripts/version.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('every place holds package.json\'s version (run node scripts/version.mjs --write)', () => {
  assert.match(packageVersion(), /^\d+\.\d+\.\d+(-[\w.]+)?$/);
  assert.deepEqual(drift(), []);
  assert.equal(versionPlaces().length, PLACES.length);
});

test('a new version in package.json is drift until stamped, and stamping changes only the version', () => {
  const copy = mkdtempSync(join(tmpdir(), 'sales-kpi-version-'));
  try {
    for (const file of new Set(['package.json', ...PLACES.map((place) => place.file)])) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(ROOT, file), join(copy, file));
    }
    const pkg = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8'));
    writeFileSync(join(copy, 'package.json'), JSON.stringify({ ...pkg, version: '9.8.7' }));
    assert.equal(drift(copy).length, PLACES.length, 'every place still holds the old version');
    stamp(copy);
    assert.deepEqual(drift(copy), []);
    for (const file of new Set(PLACES.map((place) => place.file))) {
      const before = readFileSync(join(ROOT, file), 'utf8');
      const after = readFileSync(join(copy, file), 'utf8');
      assert.ok(after.includes('9.8.7'), `${file}: stamped`);
      assert.equal(after.replaceAll('9.8.7', pkg.version), before, `${file}: nothing but the version changed`);
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
