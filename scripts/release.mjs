#!/usr/bin/env node
// `npm run release`: builds, then writes release/<version>/ with what a release offers:
//   sales-kpi-<version>.tgz                the npm package (npm pack)
//   sales-kpi-wordpress-<version>.zip      the WordPress plugin
//   sales-kpi-hugo-<version>.zip           the Hugo theme component
//   sales-kpi-static-<version>.zip         the widget and both engines, for self-hosting
//   SHA256SUMS                             for `sha256sum -c SHA256SUMS`
// Every file carries LICENSE-MIT and LICENSE-APACHE. The same tree gives the same bytes: zip
// entries in name order with a fixed time (fflate), and npm pack's own fixed times.
//
//   node scripts/release.mjs                 build, then package
//   node scripts/release.mjs --no-build      package the build already in www/ (the tests do this)
//   node scripts/release.mjs --out=<dir>     write into <dir> instead of release/<version>/
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';
import { hugoZip } from './embeds.mjs';
import { LICENSES, wordpressZip } from './integrations.mjs';
import { drift, packageVersion } from './version.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'www', 'dist');
const MTIME = new Date('2026-01-01T00:00:00Z');

/** Every file below `dir`, in name order. */
function files(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

/** The static files for self-hosting, under sales-kpi/: copy the folder to a site as it is. */
function staticZip(out) {
  const entries = {};
  const add = (path, base) => (entries[`sales-kpi/${relative(base, path).split('\\').join('/')}`] = [readFileSync(path), { mtime: MTIME }]);
  for (const part of ['widget', 'pkg', 'pkg-full']) for (const path of files(join(DIST, part))) add(path, DIST);
  add(join(DIST, 'sales-kpi-resize.js'), DIST);
  for (const name of [...LICENSES, 'CHANGELOG.md']) add(join(ROOT, name), ROOT);
  writeFileSync(out, zipSync(entries, { level: 9 }));
}

/** The npm tarball, as `npm publish` would upload it; returns its file name. */
function npmPack(out) {
  // --ignore-scripts: prepack would build again; the release builds once, before packaging.
  const r = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
  return JSON.parse(r.stdout)[0].filename;
}

/** Writes the release files and SHA256SUMS into `out`; returns the names of the files. */
export async function release(out = join(ROOT, 'release', packageVersion())) {
  const drifted = drift();
  if (drifted.length) throw new Error(`not every file holds package.json's version: ${drifted.map((d) => d.file).join(', ')} (run node scripts/version.mjs --write)`);
  const version = packageVersion();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const names = [npmPack(out), `sales-kpi-wordpress-${version}.zip`, `sales-kpi-hugo-${version}.zip`, `sales-kpi-static-${version}.zip`];
  await wordpressZip(join(out, names[1]));
  hugoZip(join(out, names[2]));
  staticZip(join(out, names[3]));
  const sums = names
    .sort()
    .map((name) => `${createHash('sha256').update(readFileSync(join(out, name))).digest('hex')}  ${name}\n`)
    .join('');
  writeFileSync(join(out, 'SHA256SUMS'), sums);
  return names;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outArg = process.argv.find((arg) => arg.startsWith('--out='));
  if (!process.argv.includes('--no-build')) {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  try {
    const out = outArg ? resolve(outArg.slice('--out='.length)) : join(ROOT, 'release', packageVersion());
    const names = await release(out);
    for (const name of names) console.log(`[release] ${relative(ROOT, join(out, name))} (${statSync(join(out, name)).size} B)`);
    console.log(`[release] ${relative(ROOT, join(out, 'SHA256SUMS'))}: check with (cd ${relative(ROOT, out)} && sha256sum -c SHA256SUMS)`);
  } catch (error) {
    console.error(`[release] FAILED: ${error.message}`);
    process.exit(1);
  }
}
