/**
 * The block editor's side of sales-kpi/calculator: plain JavaScript on WordPress's globals, no
 * build step. The settings sit in the sidebar; the preview is the live calculator (the same
 * module the post loads), and the post itself is rendered on the server (save returns null).
 */
(function (blocks, element, blockEditor, components, i18n) {
  'use strict';
  var el = element.createElement;
  var __ = i18n.__;
  // The widget module sits beside this file; loaded once, when the editor first shows a block.
  var moduleUrl = new URL('widget/sales-kpi-calculator.js', document.currentScript && document.currentScript.src ? document.currentScript.src : location.href).href;
  var loading = null;
  function loadWidget() {
    if (!loading) loading = import(moduleUrl).catch(function () { loading = null; });
    return loading;
  }

  var PRESETS = [
    { value: 'inbound', label: __('Inbound: visitors → meetings → deals', 'sales-kpi') },
    { value: 'outbound', label: __('Outbound: calls and e-mails → meetings → deals', 'sales-kpi') },
    { value: 'leads', label: __('Leads → appointments → quotes → deals', 'sales-kpi') },
    { value: 'unit-economics', label: __('Unit economics: CAC, CLV, LTV:CAC, payback', 'sales-kpi') },
  ];
  var LOCALES = [
    { value: '', label: __("The reader's page language", 'sales-kpi') },
    { value: 'en-US', label: 'English (United States)' },
    { value: 'en-GB', label: 'English (United Kingdom)' },
    { value: 'nl-NL', label: 'Nederlands (Nederland)' },
    { value: 'nl-BE', label: 'Nederlands (België)' },
    { value: 'da-DK', label: 'Dansk (Danmark)' },
  ];
  var CURRENCIES = [{ value: '', label: __('From the language', 'sales-kpi') }].concat(
    ['EUR', 'DKK', 'USD', 'GBP', 'SEK', 'NOK', 'CHF'].map(function (code) { return { value: code, label: code }; })
  );
  var THEMES = [
    { value: '', label: __("The reader's setting", 'sales-kpi') },
    { value: 'light', label: __('Light', 'sales-kpi') },
    { value: 'dark', label: __('Dark', 'sales-kpi') },
  ];
  // Block attribute (camelCase) -> the element's attribute.
  var HTML_NAMES = { preset: 'preset', locale: 'locale', currency: 'currency', sections: 'sections', theme: 'theme', whatIf: 'what-if', model: 'model' };

  function elementProps(attributes) {
    var props = {};
    Object.keys(HTML_NAMES).forEach(function (key) {
      if (attributes[key]) props[HTML_NAMES[key]] = attributes[key];
    });
    return props;
  }

  function Edit(props) {
    var attributes = props.attributes;
    var set = function (key) {
      return function (value) {
        var change = {};
        change[key] = value;
        props.setAttributes(change);
      };
    };
    element.useEffect(function () { loadWidget(); }, []);
    var inspector = el(
      blockEditor.InspectorControls,
      null,
      el(
        components.PanelBody,
        { title: __('Calculator', 'sales-kpi'), initialOpen: true },
        el(components.SelectControl, { label: __('Preset', 'sales-kpi'), value: attributes.preset, options: PRESETS, onChange: set('preset') }),
        el(components.SelectControl, { label: __('Language and number format', 'sales-kpi'), value: attributes.locale, options: LOCALES, onChange: set('locale') }),
        el(components.SelectControl, { label: __('Currency', 'sales-kpi'), value: attributes.currency, options: CURRENCIES, onChange: set('currency') }),
        el(components.SelectControl, { label: __('Theme', 'sales-kpi'), value: attributes.theme, options: THEMES, onChange: set('theme') })
      ),
      el(
        components.PanelBody,
        { title: __('Advanced', 'sales-kpi'), initialOpen: false },
        el(components.TextControl, {
          label: __('Panels', 'sales-kpi'),
          help: __('Space-separated: funnel target velocity whatif goal sensitivity uncertainty economics retention growth share, or all. Empty: the preset’s own.', 'sales-kpi'),
          value: attributes.sections,
          onChange: set('sections'),
        }),
        el(components.TextControl, {
          label: __('Starting what-if', 'sales-kpi'),
          help: __('For example /funnel/dealSize:+10%', 'sales-kpi'),
          value: attributes.whatIf,
          onChange: set('whatIf'),
        }),
        el(components.TextareaControl, {
          label: __('Starting numbers (model JSON)', 'sales-kpi'),
          help: __('Copy it from the snippet builder; empty uses the preset’s example.', 'sales-kpi'),
          value: attributes.model,
          onChange: set('model'),
        })
      )
    );
    var preview = el('div', blockEditor.useBlockProps(), el('sales-kpi-calculator', elementProps(attributes)));
    return el(element.Fragment, null, inspector, preview);
  }

  blocks.registerBlockType('sales-kpi/calculator', {
    edit: Edit,
    save: function () { return null; },
  });
})(window.wp.blocks, window.wp.element, window.wp.blockEditor, window.wp.components, window.wp.i18n);
