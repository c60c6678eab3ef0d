// Races builds of the engine against each other and against decimal.js in one Node process:
// `compute` on the contract's example, the builds and the peer taking turns round by round, so
// a busy machine slows them alike. Used to choose the build profiles (docs/engine-builds.md,
// "Profiles"); `npm run bench` races the package's own build.
//
//   node bench/compare-builds.mjs <dir with sales_kpi.js and sales_kpi_bg.wasm> [<dir> ...]
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { example } from '../tests/node/example.mjs';
import { median } from './timing.mjs';
import * as decimalPeer from './peers/decimal-peer.mjs';

const ROUNDS = 41;
const CALLS_PER_ROUND = 3000;
const WARM_UP_CALLS = 20000;

const dirs = process.argv.slice(2);
if (!dirs.length) {
  console.error('usage: node bench/compare-builds.mjs <engine dir> [<engine dir> ...]');
  process.exit(2);
}
const model = example();
const contenders = {};
for (const dir of dirs) {
  // The query keeps each build a module of its own even where two glue files are identical.
  const engine = await import(`${pathToFileURL(join(resolve(dir), 'sales_kpi.js')).href}?build=${encodeURIComponent(dir)}`);
  engine.initSync({ module: readFileSync(join(dir, 'sales_kpi_bg.wasm')) });
  contenders[basename(resolve(dir))] = () => engine.compute(model);
}
contenders['decimal.js'] = () => decimalPeer.compute(model);

for (const call of Object.values(contenders)) for (let i = 0; i < WARM_UP_CALLS; i++) call();
const microseconds = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, call] of Object.entries(contenders)) {
    const start = performance.now();
    for (let i = 0; i < CALLS_PER_ROUND; i++) call();
    microseconds[name].push(((performance.now() - start) / CALLS_PER_ROUND) * 1000);
  }
}
const peer = microseconds['decimal.js'];
for (const [name, times] of Object.entries(microseconds)) {
  const ratio = median(times.map((time, round) => time / peer[round]));
  console.log(`${name.padEnd(24)} ${median(times).toFixed(2).padStart(7)} µs per compute   ${ratio.toFixed(3)} × decimal.js's time`);
}
