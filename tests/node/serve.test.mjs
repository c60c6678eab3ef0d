// scripts/serve.mjs: MIME types, 404s, no directory traversal, ephemeral ports.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';

let dir;
let outside;
let server;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sales-kpi-serve-'));
  outside = mkdtempSync(join(tmpdir(), 'sales-kpi-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  const files = {
    'index.html': '<!doctype html><title>x</title>',
    'a.js': 'export {}',
    'a.mjs': 'export {}',
    'a.css': 'body{}',
    'a.json': '{}',
    'a.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'pkg/x_bg.wasm': Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
    'sub/index.html': 'sub',
    'with space.txt': 'spaced',
  };
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  symlinkSync(join(outside, 'secret.txt'), join(dir, 'link.txt'));
  server = await startServer({ root: dir, port: 0 });
});

after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

/** A raw request: the path goes to the server exactly as written (no URL normalisation). */
function raw(path, method = 'GET') {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('listens on an ephemeral port on 127.0.0.1 and reports its URL', () => {
  assert.ok(server.port > 0);
  assert.equal(server.url, `http://127.0.0.1:${server.port}/`);
});

test('content types', async () => {
  const want = {
    '/index.html': 'text/html',
    '/a.js': 'text/javascript',
    '/a.mjs': 'text/javascript',
    '/a.css': 'text/css',
    '/a.json': 'application/json',
    '/a.svg': 'image/svg+xml',
    '/pkg/x_bg.wasm': 'application/wasm',
  };
  for (const [path, type] of Object.entries(want)) {
    const r = await raw(path);
    assert.equal(r.status, 200, path);
    assert.equal(r.headers['content-type'].split(';')[0], type, path);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
  }
  const w = await raw('/pkg/x_bg.wasm');
  assert.deepEqual([...w.body], [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
});

test('directories serve index.html; a directory without a slash redirects', async () => {
  assert.equal((await raw('/')).body.toString(), '<!doctype html><title>x</title>');
  assert.equal((await raw('/sub/')).body.toString(), 'sub');
  const r = await raw('/sub');
  assert.equal(r.status, 301);
  assert.equal(r.headers.location, '/sub/');
});

test('percent-encoded names and query strings', async () => {
  assert.equal((await raw('/with%20space.txt')).body.toString(), 'spaced');
  assert.equal((await raw('/a.json?v=1')).status, 200);
});

test('404 for missing files', async () => {
  for (const p of ['/nope.html', '/pkg/nope.wasm', '/sub/nope/']) assert.equal((await raw(p)).status, 404, p);
});

test('no directory traversal, no symlink escape', async () => {
  for (const p of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/sub/../../etc/passwd', '/..%2f..%2fetc/passwd', '/%2e%2e%5c%2e%2e%5cetc/passwd', '/a.js%00.html', '/link.txt']) {
    const r = await raw(p);
    assert.ok([400, 403, 404].includes(r.status), `${p} -> ${r.status}`);
    assert.ok(!r.body.toString().includes('root:') && !r.body.toString().includes('secret'), `${p} leaked a file`);
  }
  assert.equal((await raw('/%ZZ')).status, 400);
});

test('only GET and HEAD', async () => {
  const h = await raw('/a.js', 'HEAD');
  assert.equal(h.status, 200);
  assert.equal(h.body.length, 0);
  assert.equal(Number(h.headers['content-length']), 'export {}'.length);
  const p = await raw('/a.js', 'POST');
  assert.equal(p.status, 405);
  assert.equal(p.headers.allow, 'GET, HEAD');
});
