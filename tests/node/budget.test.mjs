// Size budget of an embed: the widget module, everything it pulls in (static imports, and the
// engine glue and .wasm it loads), its language file, and any CSS, at most 60 KB (61,440 bytes)
// brotli -q 11 in total, the goal of issue #12. The embed was 62,986 B (63,153 B on a fresh
// machine) until its engine left `simulate` to the full engine (pkg-full, loaded with the
// Uncertainty or Plan panel): 58,093 B. Panels that load on demand are reported by `npm run bench`.
// Bytes are deterministic, so this is a test; `npm run bench` reports the same figures (and a
// tighter goal) with bench/bytes.mjs, the same code.
//
// The embed is www/dist/widget/sales-kpi-calculator.js (+ www/dist/pkg/) when the bundle has been
// built, else www/widget/sales-kpi-calculator.js with www/pkg/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes, largest, measureEmbed } from '../../bench/bytes.mjs';

const LIMIT = 60 * 1024;
const embed = measureEmbed();

test('the embed is complete: every referenced file exists, and the engine (.wasm) is counted', () => {
  assert.deepEqual(embed.missing, [], `referenced from the embed but missing: ${embed.missing.map((m) => `${m.path} (${m.via})`).join(', ')}`);
  assert.ok(embed.byKind.wasm.files >= 1, `no .wasm reached from ${embed.entry}: the engine would not be counted (files: ${embed.files.map((f) => f.path).join(', ')})`);
  assert.ok(embed.byKind.js.files >= 1, `no JavaScript counted from ${embed.entry}`);
});

test(`the embed is at most ${formatBytes(LIMIT)} brotli in total`, () => {
  const t = embed.totals;
  assert.ok(
    t.brotli <= LIMIT,
    [
      `${embed.entry} and what it loads: ${formatBytes(t.brotli)} brotli (${formatBytes(t.raw)} raw, ${formatBytes(t.gzip)} gzip) in ${t.files} files, ` +
        `${formatBytes(t.brotli - LIMIT)} over the ${formatBytes(LIMIT)} budget.`,
      `JS ${formatBytes(embed.byKind.js.brotli)}, wasm ${formatBytes(embed.byKind.wasm.brotli)}, CSS ${formatBytes(embed.byKind.css.brotli)} (brotli). Largest contributors:`,
      ...largest(embed, 6).map((l) => `  ${l}`),
    ].join('\n'),
  );
});
