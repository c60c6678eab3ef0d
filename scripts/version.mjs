#!/usr/bin/env node
// One version for everything: package.json's "version" is the source; this script stamps it into
// every other file that names the version, and finds the ones that drifted.
//
//   node scripts/version.mjs            list each place and whether it agrees (exit 1 on drift)
//   node scripts/version.mjs --write    stamp package.json's version everywhere
//
// To release a new version: `npm version <x.y.z> --no-git-tag-version`, then
// `node scripts/version.mjs --write` (npm's "version" script does this), then `npm run release`.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

// Each place: the file and a pattern whose group 2 is the version (groups 1 and 3 are kept as they are).
export const PLACES = [
  { file: 'Cargo.toml', pattern: /(^\[package\][^[]*?^version = ")([^"]*)(")/m },
  { file: 'Cargo.lock', pattern: /(^name = "sales-kpi"\nversion = ")([^"]*)(")/m },
  { file: 'integrations/wordpress/sales-kpi-calculator/sales-kpi-calculator.php', pattern: /(^ \* Version:\s+)(\S+)()/m },
  { file: 'integrations/wordpress/sales-kpi-calculator/sales-kpi-calculator.php', pattern: /(define\( 'SALES_KPI_VERSION', ')([^']*)(' \);)/ },
  { file: 'integrations/wordpress/sales-kpi-calculator/readme.txt', pattern: /(^Stable tag:\s+)(\S+)()/m },
  { file: 'integrations/wordpress/sales-kpi-calculator/block.json', pattern: /(\n {2}"version": ")([^"]*)(")/ },
  { file: 'integrations/wordpress/sales-kpi-calculator/editor.asset.php', pattern: /('version'\s+=> ')([^']*)(')/ },
  { file: 'integrations/hugo/theme.toml', pattern: /(^version = ")([^"]*)(")/m },
];

/** The version in package.json at `root`. */
export function packageVersion(root = ROOT) {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
}

/** Each place with the version it holds (null when the pattern no longer matches). */
export function versionPlaces(root = ROOT) {
  return PLACES.map(({ file, pattern }) => ({ file, found: readFileSync(join(root, file), 'utf8').match(pattern)?.[2] ?? null }));
}

/** The places that do not hold package.json's version: [] when all agree. */
export function drift(root = ROOT) {
  const version = packageVersion(root);
  return versionPlaces(root).filter((place) => place.found !== version);
}

/** Writes package.json's version into every place; returns the files changed. */
export function stamp(root = ROOT) {
  const version = packageVersion(root);
  const changed = new Set();
  for (const { file, pattern } of PLACES) {
    const path = join(root, file);
    const text = readFileSync(path, 'utf8');
    if (!pattern.test(text)) throw new Error(`${file}: the version line is missing (pattern ${pattern})`);
    const next = text.replace(pattern, (_, before, _old, after) => `${before}${version}${after}`);
    if (next !== text) {
      writeFileSync(path, next);
      changed.add(file);
    }
  }
  return [...changed];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--write')) {
    const changed = stamp();
    console.log(`[version] ${packageVersion()}: ${changed.length ? `stamped ${changed.join(', ')}` : 'every place already agrees'}`);
  } else {
    const version = packageVersion();
    for (const place of versionPlaces()) console.log(`${place.found === version ? 'ok   ' : 'DRIFT'} ${place.file}: ${place.found}`);
    if (drift().length) {
      console.error(`[version] these places do not hold package.json's version ${version}: run node scripts/version.mjs --write`);
      process.exit(1);
    }
  }
}
