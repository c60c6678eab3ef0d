// The export's modules pass tsc --checkJs --strict (tests/sheet/tsconfig.json), with the
// library's own typings reached through the generated www/vendor/write-excel-file.d.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

test('export-sheet.js and export-sheet-text.js type-check strictly', () => {
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
  const r = spawnSync(process.execPath, [tsc, '-p', fileURLToPath(new URL('tsconfig.json', import.meta.url))], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
