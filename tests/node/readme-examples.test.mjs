// The README's JavaScript examples, run against the built engine (www/pkg), so that what the
// README shows keeps running and keeps giving the values it states.
//
// Which blocks: every ```js block directly preceded by the line `<!-- test: node -->` (blank
// lines between them allowed). Other ```js blocks (the browser-only event listener) are not run.
// The marked blocks run in README order as one ES module, so a later block may use what an
// earlier one declared (`model`), and no two blocks may declare the same name.
//
// What is changed before running, and nothing else:
//   - `await init()` (the browser's start) is replaced by the line the README gives for Node,
//     `// Node 20: initSync({ module: … })`, as tests/package/user.test.mjs does for the package.
//   - `import init, { … } from 'sales-kpi'` imports `initSync` instead of `init`. 'sales-kpi'
//     resolves to this checkout's www/pkg by Node's package self-reference (package.json's name
//     and exports), because the module is written under target/ in this repository.
//   - A line `EXPRESSION; // VALUE…` whose comment starts with a JavaScript literal (a "string",
//     a number, true, false, null, or a [list] or {object} of such literals) becomes an
//     assertion that EXPRESSION equals VALUE (deep, strict, compared as JSON). What follows the
//     literal (": the leads you need…") is explanation. A comment that starts with a word is
//     only a comment.
// The test fails when an example throws, when a stated value differs, or when the README has
// fewer marked blocks or stated values than it had when this test was written.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The ```js blocks marked `<!-- test: node -->`, in order, with the README line each starts at. */
export function markedBlocks(markdown) {
  const blocks = [];
  const pattern = /<!-- test: node -->\n(?:[ \t]*\n)*```js\n([\s\S]*?)\n```/g;
  for (const match of markdown.matchAll(pattern)) {
    const codeStart = match.index + match[0].length - '\n```'.length - match[1].length;
    const line = markdown.slice(0, codeStart).split('\n').length;
    blocks.push({ code: match[1], line });
  }
  return blocks;
}

/**
 * The JavaScript literal at the start of `text` ("…", number, true/false/null, […], {…}), or
 * null. Brackets are matched outside strings; the literal must be followed by the end, a space,
 * a colon or a comma.
 */
export function leadingLiteral(text) {
  const simple = /^(?:"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false|null)(?=$|[\s:,])/.exec(text);
  if (simple) return simple[0];
  if (text[0] !== '[' && text[0] !== '{') return null;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (char === '[' || char === '{') depth++;
    else if (char === ']' || char === '}') {
      depth--;
      if (depth === 0) return /^($|[\s:,])/.test(text.slice(i + 1)) ? text.slice(0, i + 1) : null;
    }
  }
  return null;
}

const DECLARATION = /^(?:const|let|var|import|export|await|return|if|for|while|try|function|class)\b/;

/** The module that runs the blocks, and how many stated values it checks. */
export function program(blocks) {
  const lines = [
    `import { readFileSync } from 'node:fs';`,
    `import assert from 'node:assert/strict';`,
    `const asJson = (value) => JSON.parse(JSON.stringify(value));`,
  ];
  let checks = 0;
  for (const { code, line: start } of blocks) {
    const nodeLine = code.match(/^\/\/ Node 20: (.*)$/m)?.[1];
    code.split('\n').forEach((line, i) => {
      const where = `README.md:${start + i}`;
      if (/^await init\(\)/.test(line)) {
        assert.ok(nodeLine, `${where}: await init() without a "// Node 20:" line beside it`);
        lines.push(nodeLine);
        return;
      }
      if (/^\/\/ Node 20:/.test(line)) return;
      if (/^import .* from 'sales-kpi';$/.test(line)) {
        lines.push(line.replace(/^import init, \{/, 'import { initSync,'));
        return;
      }
      const statement = /^(\s*)([^\s].*?);\s+\/\/ (.*)$/.exec(line);
      const literal = statement && !DECLARATION.test(statement[2]) ? leadingLiteral(statement[3]) : null;
      if (literal) {
        checks++;
        const message = JSON.stringify(`${where}: ${statement[2]}`);
        lines.push(`${statement[1]}assert.deepStrictEqual(asJson(${statement[2]}), asJson(${literal}), ${message});`);
      } else lines.push(line);
    });
  }
  lines.push(`console.log('readme examples: ok');`);
  return { source: `${lines.join('\n')}\n`, checks };
}

const built = existsSync(join(ROOT, 'www', 'pkg', 'sales_kpi_bg.wasm'));

test('the comment reader finds literals and leaves words alone', () => {
  assert.equal(leadingLiteral('"750000"'), '"750000"');
  assert.equal(leadingLiteral('"16000": the leads you need'), '"16000"');
  assert.equal(leadingLiteral('false: 117000 projected'), 'false');
  assert.equal(leadingLiteral('["26", "25", "29"]: the 80 deals'), '["26", "25", "29"]');
  assert.equal(leadingLiteral('{ "from": "a}", "to": "b" }: why'), '{ "from": "a}", "to": "b" }');
  assert.equal(leadingLiteral('browser: fetches sales_kpi_bg.wasm'), null);
  assert.equal(leadingLiteral('1 January 2027'), '1'); // a number first is a value: start such comments with a word
  assert.equal(leadingLiteral('at most 32'), null);
});

test('the README marks its Node examples and states their values', () => {
  const blocks = markedBlocks(README);
  assert.ok(blocks.length >= 6, `marked blocks: ${blocks.length}`);
  const { checks } = program(blocks);
  assert.ok(checks >= 21, `stated values: ${checks}`);
});

test("the README's Node examples run against www/pkg and give the values they state", { skip: !built && 'www/pkg is not built (node scripts/build.mjs)' }, () => {
  const { source } = program(markedBlocks(README));
  // Under target/ (ignored by git), inside this package, so that 'sales-kpi' is this checkout.
  const dir = join(ROOT, 'target', 'readme-examples');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'readme-examples.mjs');
  writeFileSync(file, source);
  const run = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, `${file} failed:\n${run.stderr || run.stdout}`);
  assert.match(run.stdout, /readme examples: ok/);
});
