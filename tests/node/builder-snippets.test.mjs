// The builder's snippet functions (www/builder-snippets.js): encodings that survive each host's
// parser, and values that stay values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cspSnippet, fallbackHtml, frameHeightStyle, htmlSnippet, iframeSnippet, resizeSnippet, wordpressModel, wordpressShortcode } from '../../www/builder-snippets.js';

const model = JSON.stringify({ funnel: { top: '500', stages: [{ name: 'Møder "A" [x]', rate: '0.4' }], dealSize: '4500' } });

test('WordPress: the model is base64url of its UTF-8 JSON, other values lose quotes and brackets', () => {
  const encoded = wordpressModel(model);
  assert.match(encoded, /^[A-Za-z0-9_-]+$/);
  assert.equal(Buffer.from(encoded, 'base64url').toString('utf8'), model);
  assert.equal(wordpressShortcode([['preset', 'leads'], ['what-if', '/funnel/dealSize:+10%'], ['locale', 'x"] [evil']]), '[sales_kpi preset="leads" what-if="/funnel/dealSize:+10%" locale="x evil"]');
});

test('HTML: every value is escaped; the reservation is an inline style, or a class and a rule', () => {
  const html = htmlSnippet([['preset', '"><script>alert(1)</script>'], ['model', model]], 'https://a.example/dist/widget/sales-kpi-calculator.js', 2549);
  assert.doesNotMatch(html, /<script>alert/);
  assert.match(html, /preset="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
  assert.match(html, / style="display:block;min-height:2549px"><\/sales-kpi-calculator>$/);
  assert.doesNotMatch(htmlSnippet([['preset', 'leads']], 'x.js', 0), /style=/);
  const csp = cspSnippet([['preset', 'leads']], 'x.js', 2549);
  assert.doesNotMatch(csp, /style=/);
  assert.match(csp, /class="sales-kpi-reserve"/);
  assert.match(csp, /sales-kpi-calculator\.sales-kpi-reserve:not\(:defined\) \{ display: block; min-height: 2549px; \}/);
});

test('iframe: the reserved height, escaped URL; the resize script line', () => {
  assert.match(iframeSnippet('https://a.example/embed.html?preset=leads&locale=da-DK', 2772), /src="https:\/\/a\.example\/embed\.html\?preset=leads&amp;locale=da-DK" [^>]*height="2772"/);
  assert.match(iframeSnippet('https://a.example/embed.html', 0), /height="1200"/);
  assert.equal(resizeSnippet('https://a.example/dist/sales-kpi-resize.js'), '<script src="https://a.example/dist/sales-kpi-resize.js" async></script>');
});

test('iframe: taller on narrower screens, as steps in its style attribute', () => {
  const style = frameHeightStyle(1000, [
    { below: 764, height: 1200 },
    { below: 480, height: 1300 },
  ]);
  assert.equal(style, 'height:calc(1000px + min(200px, max(0px, (764px - 100vw) * 100000)) + min(100px, max(0px, (480px - 100vw) * 100000)))');
  // The steps' sum at a screen width: each step is whole below its edge and 0 from it on.
  const at = (vw) => 1000 + [...style.matchAll(/min\((\d+)px, max\(0px, \((\d+)px - 100vw\)/g)].reduce((sum, [, step, edge]) => sum + Math.min(Number(step), Math.max(0, (Number(edge) - vw) * 100000)), 0);
  assert.deepEqual([at(390), at(479), at(480), at(700), at(764), at(1280)], [1300, 1300, 1200, 1200, 1000, 1000]);
  // A band no taller than the one before adds nothing; none taller than the column, no style.
  assert.equal(frameHeightStyle(1000, [{ below: 764, height: 900 }, { below: 480, height: 1100 }]), 'height:calc(1000px + min(100px, max(0px, (480px - 100vw) * 100000)))');
  assert.equal(frameHeightStyle(1000, [{ below: 764, height: 0 }]), '');
  const frame = iframeSnippet('https://a.example/embed.html', 1000, style, 'Salgs-KPI-beregner "x"');
  assert.match(frame, /title="Salgs-KPI-beregner &quot;x&quot;" width="100%" height="1000" loading="lazy" style="border:0;display:block;height:calc\(1000px \+ min\(200px/);
});

test('fallback: what it is and a link to the iframe form, in the post\'s language, inside the element', () => {
  const form = 'https://a.example/dist/embed.html?preset=leads&locale=da-DK';
  const danish = fallbackHtml('da', form);
  assert.match(danish, /^<p>Her skulle der være en beregner til salgs-KPI’er[^<]*<a href="https:\/\/a\.example\/dist\/embed\.html\?preset=leads&amp;locale=da-DK">Åbn beregneren<\/a><\/p>$/);
  assert.match(fallbackHtml('nl', form), /Open de calculator/);
  assert.equal(fallbackHtml('fr', form), fallbackHtml('en', form), 'another language falls back to English');
  assert.doesNotMatch(fallbackHtml('en', '"><script>x</script>'), /<script>/);
  const html = htmlSnippet([['preset', 'leads']], 'x.js', 2549, danish);
  assert.ok(html.endsWith(` style="display:block;min-height:2549px">${danish}</sales-kpi-calculator>`));
  assert.ok(cspSnippet([['preset', 'leads']], 'x.js', 0, danish).includes(`class="sales-kpi-reserve" preset="leads">${danish}</sales-kpi-calculator>`));
});
