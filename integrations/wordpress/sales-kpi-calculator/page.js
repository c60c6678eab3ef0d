/**
 * Runs where a calculator is shown, before the calculator's module (a classic script runs while
 * the page is read; the module after). Two jobs:
 * - "Match the page": a calculator without a theme of its own gets light or dark from the
 *   background it sits on, not from the reader's system setting, so a dark-mode reader of a
 *   white page does not see a black slab.
 * - A setting the calculator would not accept is left out for readers (the server does that);
 *   this says so once in the console, for the site's owner.
 * The editor uses the same matching for its preview (window.salesKpiCalculatorPage).
 */
(function () {
  'use strict';

  /** The first background colour behind `node` that is not transparent, as [r, g, b]. */
  function backgroundBehind(node) {
    for (var at = node; at && at.nodeType === 1; at = at.parentElement || (at.getRootNode && at.getRootNode().host)) {
      var rgba = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?/.exec(getComputedStyle(at).backgroundColor);
      if (rgba && (rgba[4] === undefined || parseFloat(rgba[4]) > 0)) return [Number(rgba[1]), Number(rgba[2]), Number(rgba[3])];
    }
    // Nothing painted: the browser's canvas, white unless the page asks for a dark one.
    return getComputedStyle(document.documentElement).colorScheme === 'dark' ? [18, 18, 18] : [255, 255, 255];
  }

  /** 'dark' on a background darker than mid-grey (WCAG relative luminance), else 'light'. */
  function schemeBehind(node) {
    var channels = backgroundBehind(node).map(function (value) {
      var c = value / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
    return luminance < 0.18 ? 'dark' : 'light';
  }

  function matchPage(element) {
    if (!element.hasAttribute('theme')) element.setAttribute('theme', schemeBehind(element.parentElement || element));
  }

  window.salesKpiCalculatorPage = { schemeBehind: schemeBehind };

  var calculators = document.querySelectorAll('sales-kpi-calculator');
  var ignored = [];
  for (var i = 0; i < calculators.length; i++) {
    if (calculators[i].getAttribute('data-sales-kpi-scheme') === 'page') matchPage(calculators[i]);
    var left = calculators[i].getAttribute('data-sales-kpi-ignored');
    if (left) ignored.push(left);
  }
  if (ignored.length) {
    console.warn('Sales KPI Calculator: left out settings it does not accept (' + ignored.join('; ') + ') and used the defaults. Open the page in the editor to see why.');
  }
})();
