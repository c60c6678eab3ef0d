// The export in Chromium: a page with a share-panel button (tests/sheet/download-page.html, under
// the README's Content Security Policy) loads the export on the click, from the source (www/widget
// with www/vendor) and from the bundle (www/dist), and the browser downloads an .xlsx that
// LibreOffice set to da-DK opens with the same cells as the workbook Node builds from the same rows.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openPage, useBrowser } from '../browser/harness.mjs';
import { buildWorkbook } from '../../www/widget/export-sheet.js';
import { cellMap, readInLibreOffice, sheetRows } from './fixture.mjs';

const env = useBrowser({ before, after });
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'";
const input = { locale: 'da-DK', currency: 'DKK', language: 'da', title: 'Salgs-KPI-beregner', rows: sheetRows().rows };
const dir = mkdtempSync(join(tmpdir(), 'skc-sheet-dl-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const page = readFileSync(new URL('download-page.html', import.meta.url), 'utf8').replace('SHEET_INPUT', JSON.stringify(input).replace(/</g, '\\u003c'));
const script = readFileSync(new URL('download-page.js', import.meta.url), 'utf8');

test('the button downloads an .xlsx that LibreOffice (da-DK) opens with the engine numbers', async () => {
  const base = `${env.server.url}sheet-test/`;
  const { page: tab, context, requests, pageErrors, consoleErrors, close } = await openPage(env.browser, null, { contextOptions: { acceptDownloads: true, locale: 'da-DK' } });
  try {
    // The test page and its script come from the test, on the server's origin, with the CSP.
    await context.route(`${base}download-page.html`, (route) => route.fulfill({ body: page, contentType: 'text/html; charset=utf-8', headers: { 'Content-Security-Policy': CSP } }));
    await context.route(`${base}download-page.js`, (route) => route.fulfill({ body: script, contentType: 'text/javascript; charset=utf-8' }));
    await tab.goto(`${base}download-page.html`);
    const enforced = await tab.evaluate(() => {
      try {
        document.body.insertAdjacentHTML('beforeend', '<i></i>');
        return false;
      } catch {
        return true;
      }
    });
    assert.ok(enforced, 'the page runs under the policy (Trusted Types refuse an HTML string)');
    assert.deepEqual(consoleErrors.splice(0), ["This document requires 'TrustedHTML' assignment. The action has been blocked."]);
    assert.deepEqual(
      requests.filter((url) => /export-sheet|vendor/.test(url)),
      [],
      'nothing of the export is loaded before the click',
    );
    const saved = [];
    for (const which of ['/widget/', '/dist/widget/']) {
      const button = tab.locator(`button[data-module="${which}export-sheet.js"]`);
      const [download] = await Promise.all([tab.waitForEvent('download'), button.click()]);
      assert.equal(download.suggestedFilename(), 'salgs-kpi.xlsx');
      const path = join(dir, `${which.replace(/\W+/g, '-')}download.xlsx`);
      await download.saveAs(path);
      saved.push(path);
      await tab.locator(`button[data-module="${which}export-sheet.js"][data-done="yes"]`).waitFor();
    }
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(consoleErrors, [], 'no CSP violation or other error');
    const origin = new URL(env.server.url).origin;
    assert.deepEqual(
      requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('blob:')),
      [],
      'no request to another origin',
    );
    assert.ok(requests.some((url) => url.endsWith('/vendor/write-excel-file.js')), 'the source build loads the library from www/vendor on the click');

    const built = join(dir, 'node.xlsx');
    writeFileSync(built, Buffer.from(await (await buildWorkbook(input)).arrayBuffer()));
    const read = readInLibreOffice('da-DK', [...saved, built]);
    const [fromSource, fromDist, fromNode] = read.files.map((file) => file.sheets.map((sheet) => ({ name: sheet.name, cells: sheet.cells })));
    assert.ok(fromNode[0].cells.length > 3 * input.rows.length, 'the Node workbook has its rows');
    assert.deepEqual(fromSource, fromNode, 'the downloaded workbook (source module) reads like the one built in Node');
    assert.deepEqual(fromDist, fromNode, 'the downloaded workbook (dist bundle) reads like the one built in Node');
    const cells = cellMap(read.files[1].sheets[0]);
    const revenue = 4 + input.rows.findIndex((row) => row.label === '/funnel/revenue');
    assert.deepEqual([cells.get(`${revenue}:4`).type, cells.get(`${revenue}:4`).text], ['value', '792.633,60 kr.']);
  } finally {
    await close();
  }
});
