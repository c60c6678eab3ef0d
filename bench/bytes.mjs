// Bytes of an embed: the widget module, every module it pulls in, the .wasm and any CSS, each raw,
// gzip -9 and brotli -q 11. Shared by `npm run bench` (scripts/bench.mjs) and the size budget test
// (tests/node/budget.test.mjs), so both count the same files the same way.
//
//   import { measureEmbed, formatBytes } from '../bench/bytes.mjs';
//   const embed = measureEmbed();      // { source, entry, files: [...], totals, byKind, missing }
//
// Which embed: the bundle www/dist/widget/sales-kpi-calculator.js (with www/dist/pkg/ for the engine)
// when it exists, otherwise the unbundled www/widget/sales-kpi-calculator.js.
//
// What an embed downloads: everything reached by static imports and asset URLs (the widget, the
// engine glue, the .wasm), plus ONE language file (the largest is counted); modules reached only
// by a dynamic import() are loaded on demand (panels a page has not switched on) and are reported
// apart, as `onDemand`, and in the "every panel" total.
//
// What "pulls in" means, following what a browser (and a bundler) would fetch:
// - static imports and re-exports: `import … from './x.js'`, `import './x.js'`, `export … from './x.js'`;
// - dynamic imports with a literal specifier: `import('./x.js')`;
// - asset URLs: `new URL('./x', import.meta.url)`, the pattern wasm-bindgen's glue and the widget use
//   to find the engine (.js is followed as a module, .wasm and .css are counted as assets).
// Only relative specifiers are followed (bare ones such as 'node:fs' are never part of an embed).
// For the bundle, a .wasm or .css file in www/dist/ is counted even if no literal reference names it.
// CSS inside a JS string (a constructable stylesheet) is counted with its module.
//
// Totals add up the per-file compressed sizes: each file travels as its own response.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST_ENTRY = join('www', 'dist', 'widget', 'sales-kpi-calculator.js');
export const WIDGET_ENTRY = join('www', 'widget', 'sales-kpi-calculator.js');

/** The embed's entry module: the dist bundle when it has been built, else the widget source. */
export function embedEntry(root = ROOT) {
  if (existsSync(join(root, DIST_ENTRY))) return { source: 'dist', entry: join(root, DIST_ENTRY) };
  return { source: 'widget', entry: join(root, WIDGET_ENTRY) };
}

export function kindOf(path) {
  const ext = extname(path).toLowerCase();
  if (ext === '.wasm') return 'wasm';
  if (ext === '.css') return 'css';
  if (ext === '.js' || ext === '.mjs') return 'js';
  return 'other';
}

/** gzip -9 and brotli -q 11 sizes of a buffer (text mode for JS/CSS, generic for the rest). */
export function compressedSizes(buf, kind = 'js') {
  const text = kind === 'js' || kind === 'css';
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
        [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

const IMPORT_RE = [
  // import x from '…' / import { a } from '…' / import * as m from '…' / export { a } from '…' / export * from '…'
  /\b(?:import|export)\s*(?:[\w$]+\s*,?\s*)?(?:\*\s*as\s+[\w$]+|\*|\{[^}]*\})?\s*from\s*(['"])([^'"\n]+)\1/g,
  // import '…' (side effect only)
  /\bimport\s*(['"])([^'"\n]+)\1/g,
  // import('…') with a literal specifier
  /\bimport\s*\(\s*(['"`])([^'"`\n$]+)\1\s*[,)]/g,
];
const URL_RE = /\bnew\s+URL\s*\(\s*(['"`])([^'"`\n$]+)\1\s*,\s*import\.meta\.url\s*\)/g;

/** Is `index` inside a comment? A heuristic (strings that contain comment markers can fool it). */
function inComment(text, index) {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  if (/(^|[\s;{}()])\/\//.test(text.slice(lineStart, index))) return true;
  return text.lastIndexOf('/*', index) > text.lastIndexOf('*/', index);
}

/**
 * The local references of a JS module's text: [{ spec, how: 'import' | 'url' }]. Imports count when
 * relative ('./', '../', '/'); asset URLs when they are not absolute (no scheme), since
 * new URL('x.wasm', import.meta.url) is relative too. Matches inside comments are skipped, unless
 * `comments` is false: the bundle is minified without comments, and there the comment heuristic
 * would take a string such as "/*" for the start of one and miss every reference after it.
 */
export function references(text, { comments = true } = {}) {
  const out = [];
  const seen = new Set();
  const add = (m, how) => {
    const spec = m[2];
    const local = how === 'url' ? !/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(spec) : /^\.{0,2}\//.test(spec);
    if (!local || seen.has(`${how}:${spec}`) || (comments && inComment(text, m.index))) return;
    seen.add(`${how}:${spec}`);
    out.push({ spec, how });
  };
  IMPORT_RE.forEach((re, index) => {
    for (const m of text.matchAll(re)) add(m, index === 2 ? 'dynamic import' : 'import');
  });
  for (const m of text.matchAll(URL_RE)) add(m, 'url');
  return out;
}

/**
 * Walks the embed from its entry and measures every file. Paths in the result are relative to
 * `root`, with forward slashes. `missing` lists references that name no file (a broken embed, or
 * a false positive of the scanner) and is empty when all is well.
 */
export function measureEmbed({ root = ROOT, entry } = {}) {
  const picked = entry ? { source: 'given', entry: resolve(root, entry) } : embedEntry(root);
  const rel = (p) => relative(root, p).split(sep).join('/');
  const files = [];
  const missing = [];
  const seen = new Set();
  const queue = [{ path: picked.entry, via: 'entry', lazy: false }];
  while (queue.length) {
    const { path, via, lazy } = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    if (!existsSync(path)) {
      missing.push({ path: rel(path), via });
      continue;
    }
    const buf = readFileSync(path);
    const kind = kindOf(path);
    files.push({ path: rel(path), kind, via, lazy, ...compressedSizes(buf, kind) });
    if (kind !== 'js') continue;
    for (const { spec, how } of references(buf.toString('utf8'), { comments: picked.source !== 'dist' })) {
      const target = resolve(dirname(path), spec.split(/[?#]/)[0]);
      // Breadth-first, so a file reached both ways is first met by its eager path.
      const next = { path: target, via: `${how} from ${rel(path)}`, lazy: lazy || how === 'dynamic import' };
      if (next.lazy) queue.push(next);
      else queue.unshift(next);
    }
  }
  // The bundle's neighbours: a .wasm or .css shipped beside it belongs to the embed even when the
  // bundle names it in a way the scanner does not see (a computed URL).
  if (picked.source === 'dist') {
    const dir = dirname(picked.entry);
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const kind = kindOf(path);
      if ((kind === 'wasm' || kind === 'css') && !seen.has(path)) {
        seen.add(path);
        files.push({ path: rel(path), kind, via: 'beside the bundle', ...compressedSizes(readFileSync(path), kind) });
      }
    }
  }
  const sum = (list) =>
    list.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli, files: t.files + 1 }), {
      raw: 0,
      gzip: 0,
      brotli: 0,
      files: 0,
    });
  // A page loads one language: of each set of language-specific modules (`i18n-en`, `i18n-nl`,
  // `i18n-da`; `more-en`, ...) the largest stands for it. `i18n-*` is what a default embed
  // loads; other lazy modules (panels, and their language sets) load on demand.
  const languageSet = (f) => /(?:^|\/)([\w]+)-(?:en|nl|da)(?:[-.])/.exec(f.path)?.[1];
  const oneOfEach = (list) => {
    const best = new Map();
    for (const f of list) {
      const set = languageSet(f);
      if (!set) continue;
      if (!best.has(set) || best.get(set).brotli < f.brotli) best.set(set, f);
    }
    return [...list.filter((f) => !languageSet(f)), ...best.values()];
  };
  const lazy = oneOfEach(files.filter((f) => f.lazy));
  const initial = [...files.filter((f) => !f.lazy), ...lazy.filter((f) => languageSet(f) === 'i18n')];
  const onDemand = lazy.filter((f) => languageSet(f) !== 'i18n');
  const byKind = {};
  for (const kind of ['js', 'wasm', 'css', 'other']) byKind[kind] = sum(initial.filter((f) => f.kind === kind));
  return {
    source: picked.source,
    entry: rel(picked.entry),
    files: initial,
    totals: sum(initial),
    byKind,
    onDemand,
    everyPanel: sum([...initial, ...onDemand]),
    allFiles: files,
    missing,
  };
}

/** Files sorted by brotli size, largest first, as "path  12,345 B brotli (raw 45,678 B)" lines. */
export function largest(embed, n = 5) {
  return [...embed.files]
    .sort((a, b) => b.brotli - a.brotli)
    .slice(0, n)
    .map((f) => `${f.path}  ${formatBytes(f.brotli)} brotli (raw ${formatBytes(f.raw)}, gzip ${formatBytes(f.gzip)})`);
}

export function formatBytes(n) {
  return `${n.toLocaleString('en-US')} B`;
}

export function kb(n) {
  return `${(n / 1024).toFixed(1)} KB`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const e = measureEmbed();
  console.log(JSON.stringify(e, null, 2));
}
