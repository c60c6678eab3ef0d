/**
 * The block editor's side of sales-kpi/calculator: plain JavaScript on WordPress's globals, no
 * build step. The settings sit in the sidebar as choices, never as syntax to type; the preview is
 * the live calculator (the same module the post loads), and the numbers an author types into it
 * become the readers' starting numbers. The post itself is rendered on the server (save returns
 * null), where the same rules as `problems` below decide what a reader gets.
 */
(function (blocks, element, blockEditor, components, data, i18n) {
  'use strict';
  var el = element.createElement;
  var __ = i18n.__;
  var sprintf = i18n.sprintf;
  var DOMAIN = 'sales-kpi-calculator';
  // The widget module sits beside this file; loaded once, when the editor first shows a block.
  var scriptUrl = document.currentScript && document.currentScript.src ? document.currentScript.src : location.href;
  var moduleUrl = new URL('widget/sales-kpi-calculator.js', scriptUrl).href;
  var loading = null;
  function loadWidget() {
    if (!loading) loading = import(moduleUrl).catch(function () { loading = null; });
    return loading;
  }

  // The widget's attributes, sections and presets (widget-choices.json, which the build writes
  // from the widget's own description), printed before this script by the plugin's PHP. The labels below stay
  // here as literal strings, for the translation tools; a list entry without one is reported.
  var CHOICES = window.salesKpiCalculatorChoices || { attributes: [], sections: [], presets: [] };
  function labelled(labels, key, what) {
    if (Object.prototype.hasOwnProperty.call(labels, key)) return labels[key];
    console.error('sales-kpi/calculator: no label for the ' + what + ' “' + key + '” in editor.js');
    return key;
  }

  // Short names fit the sidebar's select; the chosen one's funnel is spelt out below it.
  var PRESET_LABELS = {
    inbound: { label: __('Inbound', DOMAIN), help: __('Inbound: visitors → meetings → deals', DOMAIN) },
    outbound: { label: __('Outbound', DOMAIN), help: __('Outbound: calls and e-mails → meetings → deals', DOMAIN) },
    leads: { label: __('Leads and quotes', DOMAIN), help: __('Leads → appointments → quotes → deals', DOMAIN) },
    'unit-economics': { label: __('Unit economics', DOMAIN), help: __('Unit economics: CAC, CLV, CLV:CAC, payback', DOMAIN) },
    pacing: { label: __('Progress', DOMAIN), help: __('Progress: actual leads → appointments → quotes → deals against the plan', DOMAIN) },
  };
  var PRESETS = CHOICES.presets.map(function (preset) {
    var text = labelled(PRESET_LABELS, preset.name, 'preset');
    return { value: preset.name, label: text.label || text, help: text.help || '' };
  });
  // The widget's stage names (its English st_<preset> texts), for the what-if's levers.
  var STAGE_LABELS = {
    'Meetings / demos': __('Meetings / demos', DOMAIN),
    Meetings: __('Meetings', DOMAIN),
    Appointments: __('Appointments', DOMAIN),
    Quotes: __('Quotes', DOMAIN),
    Deals: __('Deals', DOMAIN),
  };
  // The stages of each preset's example funnel.
  var PRESET_STAGES = {};
  CHOICES.presets.forEach(function (preset) {
    PRESET_STAGES[preset.name] = preset.stages.map(function (name) { return labelled(STAGE_LABELS, name, 'stage'); });
  });
  var LOCALES = [
    { value: '', label: __("The reader's page language", DOMAIN) },
    { value: 'en-US', label: 'English (United States)' },
    { value: 'en-GB', label: 'English (United Kingdom)' },
    { value: 'nl-NL', label: 'Nederlands (Nederland)' },
    { value: 'nl-BE', label: 'Nederlands (België)' },
    { value: 'da-DK', label: 'Dansk (Danmark)' },
  ];
  var CURRENCY_CODES = ['EUR', 'DKK', 'USD', 'GBP', 'SEK', 'NOK', 'CHF'];
  var CURRENCIES = [{ value: '', label: __('From the language', DOMAIN) }].concat(
    CURRENCY_CODES.map(function (code) { return { value: code, label: code }; })
  );
  var THEMES = [
    { value: '', label: __('Match the page', DOMAIN) },
    { value: 'light', label: __('Light', DOMAIN) },
    { value: 'dark', label: __('Dark', DOMAIN) },
  ];
  function attributeOf(name) {
    return (CHOICES.attributes || []).filter(function (attribute) { return attribute.name === name; })[0] || { name: name, block: name };
  }
  // The layouts, short for the select; the chosen one is spelt out below it. The widget's default
  // is the attribute left out ('').
  var LAYOUT_LABELS = {
    article: { label: __('Article', DOMAIN), help: __('Article: the answer on top, the numbers that move it below, every other panel behind “More”.', DOMAIN) },
    dashboard: { label: __('Dashboard', DOMAIN), help: __('Dashboard: every panel at once, as on a planning page.', DOMAIN) },
  };
  var LAYOUT = attributeOf('layout');
  var LAYOUTS = (LAYOUT.values || []).map(function (value) {
    var text = labelled(LAYOUT_LABELS, value, 'layout');
    return { value: value === LAYOUT.default ? '' : value, name: value, label: text.label || text, help: text.help || '' };
  });
  var HEADING_LENGTH = 200;
  var PANEL_LABELS = {
    funnel: __('Funnel', DOMAIN),
    target: __('Target', DOMAIN),
    velocity: __('Sales velocity', DOMAIN),
    whatif: __('What-if', DOMAIN),
    goal: __('Goal: what it takes', DOMAIN),
    sensitivity: __('Sensitivity', DOMAIN),
    uncertainty: __('Uncertainty', DOMAIN),
    economics: __('Unit economics', DOMAIN),
    retention: __('Retention', DOMAIN),
    growth: __('Growth', DOMAIN),
    plan: __('Plan by month and workday', DOMAIN),
    progress: __('Are we on track?', DOMAIN),
    share: __('Share and export', DOMAIN),
  };
  // The widget's panels, in its order.
  var PANELS = CHOICES.sections.map(function (section) { return { value: section.token, label: labelled(PANEL_LABELS, section.token, 'panel') }; });
  var PANEL_NAMES = PANELS.map(function (panel) { return panel.value; });
  // Panels whose results are computed from the funnel: the widget shows the funnel with them.
  var NEED_FUNNEL = CHOICES.sections.filter(function (section) { return section.fromFunnel && section.token !== 'funnel'; }).map(function (section) { return section.token; });
  // Block attribute (camelCase) -> the element's attribute: the widget's, but for those the block
  // does not offer (the shortcode takes wasm-url; url-state is not passed on).
  var HTML_NAMES = {};
  (CHOICES.attributes || []).forEach(function (attribute) {
    if (attribute.name !== 'wasm-url' && attribute.name !== 'url-state') HTML_NAMES[attribute.block] = attribute.name;
  });
  var WHAT_IF_WORD = /^\/funnel\/(top|dealSize|stages\/(\d+)\/rate):([+-]?\d+(?:\.\d+)?)(%|pp)$/;
  var DECIMAL = /^\d+(\.\d+)?$/;

  /** The preset's own panels; an unknown preset's are the first preset's, as readers get them. */
  function presetOf(name) {
    return CHOICES.presets.filter(function (preset) { return preset.name === name; })[0] || CHOICES.presets[0] || { name: '', stages: [], sections: [] };
  }
  function defaultPanels(preset) {
    return presetOf(preset).sections;
  }

  function words(text) {
    return String(text || '').split(/[\s,;]+/).filter(Boolean);
  }

  /** The model attribute as an object, or null when it is not a model (the server's sales_kpi_stage_count). */
  function parsedModel(json) {
    try {
      var model = JSON.parse(json);
      var funnel = model && model.funnel;
      if (!funnel || !Array.isArray(funnel.stages) || !DECIMAL.test(String(funnel.top)) || !DECIMAL.test(String(funnel.dealSize))) return null;
      var ratesOk = funnel.stages.every(function (stage) { return stage && DECIMAL.test(String(stage.rate)) && Number(stage.rate) <= 1; });
      return ratesOk ? model : null;
    } catch (e) {
      return null;
    }
  }

  /** The funnel's levers with their names: what a what-if can change. */
  function levers(attributes) {
    var model = attributes.model ? parsedModel(attributes.model) : null;
    var stages = model
      ? model.funnel.stages.map(function (stage, i) { return stage.name || sprintf(__('Step %d', DOMAIN), i + 1); })
      : PRESET_STAGES[presetOf(attributes.preset).name] || [];
    return [{ value: '/funnel/top', label: __('Top of the funnel', DOMAIN) }]
      .concat(stages.map(function (name, i) { return { value: '/funnel/stages/' + i + '/rate', label: sprintf(__('Conversion to %s', DOMAIN), name), rate: true }; }))
      .concat([{ value: '/funnel/dealSize', label: __('Deal size', DOMAIN) }]);
  }

  /**
   * What is wrong with the block's settings, one message per attribute. Anything the sidebar
   * offers is right; these catch what came from code view, a pasted block or an older version.
   * Readers never see such a value: the server leaves it out (sales_kpi_is_valid).
   */
  function problems(attributes) {
    var found = [];
    if (PRESETS.every(function (p) { return p.value !== attributes.preset; })) found.push(sprintf(__('Preset “%s” is not one of the presets; readers get Inbound.', DOMAIN), attributes.preset));
    if (attributes.locale && !/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$/.test(attributes.locale)) found.push(sprintf(__('Language “%s” is not a language tag such as da-DK; readers get their page’s language.', DOMAIN), attributes.locale));
    if (attributes.currency && !/^[A-Z]{3}$/.test(attributes.currency)) found.push(sprintf(__('Currency “%s” is not a three-letter code such as EUR; readers get their language’s currency.', DOMAIN), attributes.currency));
    if (attributes.theme && attributes.theme !== 'light' && attributes.theme !== 'dark') found.push(sprintf(__('Colour scheme “%s” is not Light or Dark; readers get the page’s.', DOMAIN), attributes.theme));
    if (attributes.layout && LAYOUTS.every(function (layout) { return layout.name !== attributes.layout; })) found.push(sprintf(__('Layout “%s” is not Article or Dashboard; readers get the article.', DOMAIN), attributes.layout));
    if (attributes.heading && (/[\x00-\x1F\x7F]/.test(attributes.heading) || Array.from(attributes.heading).length > HEADING_LENGTH)) found.push(sprintf(__('The heading is not one line of at most %d characters; readers get none.', DOMAIN), HEADING_LENGTH));
    var unknown = words(attributes.sections).filter(function (w) { return w !== 'all' && PANEL_NAMES.indexOf(w) < 0; });
    if (unknown.length) found.push(sprintf(__('Unknown panels “%s”; readers get the preset’s panels.', DOMAIN), unknown.join(' ')));
    if (attributes.model && !parsedModel(attributes.model)) found.push(__('The starting numbers are not a funnel the calculator reads; readers get the preset’s numbers.', DOMAIN));
    if (attributes.whatIf) {
      var known = levers(attributes).map(function (lever) { return lever.value; });
      var wrong = words(attributes.whatIf).filter(function (word) {
        var match = WHAT_IF_WORD.exec(word);
        return !match || known.indexOf(word.split(':')[0]) < 0;
      });
      if (wrong.length || !words(attributes.whatIf).length) found.push(sprintf(__('What-if “%s” is not a change of a lever; readers get deal size +10 %%.', DOMAIN), attributes.whatIf));
    }
    return found;
  }

  /** The what-if attribute as the sidebar's three controls; null when it is not one lever's change. */
  function whatIfParts(whatIf) {
    var all = words(whatIf);
    var match = all.length === 1 ? WHAT_IF_WORD.exec(all[0]) : null;
    return match ? { lever: all[0].split(':')[0], amount: match[3], unit: match[4] } : null;
  }

  function elementProps(attributes, model) {
    var props = {};
    Object.keys(HTML_NAMES).forEach(function (key) {
      if (key !== 'model' && attributes[key]) props[HTML_NAMES[key]] = attributes[key];
    });
    if (model) props.model = model;
    return props;
  }

  // Events that, from a field in the preview, must not reach the editor: its shortcuts look at
  // document.activeElement, which is the calculator's host, not the field inside its shadow
  // root, and would select or delete every block of the post (WordPress/gutenberg#82755).
  var KEPT_IN = ['keydown', 'keypress', 'keyup', 'beforeinput', 'input', 'paste', 'copy', 'cut', 'compositionstart', 'compositionupdate', 'compositionend'];
  function keepIn(event) {
    // Escape and Ctrl/Cmd+S stay the editor's: leave the block, save the post.
    if (event.type === 'keydown' && (event.key === 'Escape' || ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's'))) return;
    event.stopPropagation();
  }

  var FOLDED_HEIGHT = 640;

  function Edit(props) {
    var attributes = props.attributes;
    var setAttributes = props.setAttributes;
    var isPreview = data.useSelect(function (select) { return !!select('core/block-editor').getSettings().__unstableIsPreviewMode; }, []);
    // The preview's own `model` attribute (`shown`) stays put while the author types, so that the
    // preview is not rebuilt under the cursor; `key` rebuilds it when the sidebar changes what the
    // calculator starts from. `undoTo`: the numbers this editing session began with.
    var session = element.useState(function () { return { undoTo: attributes.model, shown: attributes.model, key: 0 }; });
    var start = session[0];
    var setStart = session[1];
    var folded = element.useState(true);
    // Whether the calculator is taller than the fold: only then is there anything to unfold.
    var tall = element.useState(false);
    var scheme = element.useState('light');
    var host = element.useRef(null);
    var latest = element.useRef(attributes);
    latest.current = attributes;

    element.useEffect(function () {
      if (!isPreview) loadWidget();
    }, [isPreview]);

    element.useEffect(function () {
      var node = host.current;
      if (!node || typeof ResizeObserver === 'undefined') return undefined;
      var observer = new ResizeObserver(function () { tall[1](node.offsetHeight > FOLDED_HEIGHT); });
      observer.observe(node);
      return function () { observer.disconnect(); };
    }, [start.key, isPreview]);

    element.useEffect(function () {
      var node = host.current;
      if (!node) return undefined;
      if (window.salesKpiCalculatorPage) scheme[1](window.salesKpiCalculatorPage.schemeBehind(node.parentElement || node));
      KEPT_IN.forEach(function (type) { node.addEventListener(type, keepIn); });
      // The first report is the numbers the preview started from; later ones are the author's.
      var baseline = null;
      function onChange(event) {
        var json = JSON.stringify(event.detail.model);
        if (baseline === null) {
          baseline = json;
          return;
        }
        var model = json === baseline ? start.shown : json;
        if (model !== latest.current.model) setAttributes({ model: model });
      }
      node.addEventListener('sales-kpi-change', onChange);
      return function () {
        KEPT_IN.forEach(function (type) { node.removeEventListener(type, keepIn); });
        node.removeEventListener('sales-kpi-change', onChange);
      };
    }, [start.key, attributes.preset, isPreview]);

    var issues = problems(attributes);
    var shownPanels = attributes.sections ? (words(attributes.sections).indexOf('all') >= 0 ? PANEL_NAMES : words(attributes.sections)) : defaultPanels(attributes.preset);
    function togglePanel(name, on) {
      var chosen = PANEL_NAMES.filter(function (panel) { return panel === name ? on : shownPanels.indexOf(panel) >= 0; });
      var isDefault = chosen.join(' ') === PANEL_NAMES.filter(function (panel) { return defaultPanels(attributes.preset).indexOf(panel) >= 0; }).join(' ');
      setAttributes({ sections: isDefault ? '' : chosen.length === PANEL_NAMES.length ? 'all' : chosen.join(' ') });
    }
    var funnelNeeded = shownPanels.some(function (panel) { return NEED_FUNNEL.indexOf(panel) >= 0; });

    var parts = whatIfParts(attributes.whatIf) || { lever: '', amount: '10', unit: '%' };
    var leverList = levers(attributes);
    var chosenLever = leverList.filter(function (lever) { return lever.value === parts.lever; })[0];
    function setWhatIf(change) {
      var next = Object.assign({}, parts, change);
      var lever = leverList.filter(function (l) { return l.value === next.lever; })[0];
      if (!lever) return restart({ whatIf: '' }, attributes.model);
      var unit = lever.rate ? next.unit : '%';
      var amount = String(next.amount).trim().replace(',', '.');
      if (!/^[+-]?\d+(\.\d+)?$/.test(amount)) return undefined;
      // A new what-if starts the calculator over: from the numbers typed so far.
      restart({ whatIf: next.lever + ':' + (/^[+-]/.test(amount) ? amount : '+' + amount) + unit }, attributes.model);
    }
    var amountState = element.useState(null);
    var amountText = amountState[0] !== null ? amountState[0] : parts.amount.replace(/^\+/, '');
    var amountValid = /^[+-]?\d+([.,]\d+)?$/.test(amountText.trim());

    /** Sets attributes that make the calculator start over, and starts the preview over from `model`. */
    function restart(change, model) {
      setAttributes(Object.assign({ model: model }, change));
      setStart({ undoTo: start.undoTo, shown: model, key: start.key + 1 });
    }

    var inspector = el(
      blockEditor.InspectorControls,
      null,
      el(
        components.PanelBody,
        { title: __('Calculator', DOMAIN), initialOpen: true },
        issues.map(function (text, i) {
          return el(components.Notice, { key: 'problem-' + i, status: 'error', isDismissible: false, className: 'sales-kpi-problem' }, text);
        }),
        // Another preset is another funnel: its own example numbers.
        el(components.SelectControl, { label: __('Preset', DOMAIN), value: attributes.preset, options: PRESETS, help: (PRESETS.filter(function (p) { return p.value === attributes.preset; })[0] || PRESETS[0]).help, onChange: function (value) { restart({ preset: value }, ''); } }),
        el(components.SelectControl, { label: __('Language and number format', DOMAIN), value: attributes.locale, options: LOCALES, onChange: function (value) { setAttributes({ locale: value }); } }),
        el(components.SelectControl, { label: __('Currency', DOMAIN), value: attributes.currency, options: CURRENCIES, onChange: function (value) { setAttributes({ currency: value }); } }),
        el(components.SelectControl, {
          label: __('Colour scheme', DOMAIN),
          help: __('Match the page: light on a light page, dark on a dark one, whatever the reader’s system setting.', DOMAIN),
          value: attributes.theme === 'light' || attributes.theme === 'dark' ? attributes.theme : '',
          options: THEMES,
          onChange: function (value) { setAttributes({ theme: value }); },
        }),
        el(components.SelectControl, {
          label: __('Layout', DOMAIN),
          className: 'sales-kpi-layout',
          value: attributes.layout === LAYOUT.default ? '' : attributes.layout,
          options: LAYOUTS,
          help: (LAYOUTS.filter(function (layout) { return layout.value === (attributes.layout === LAYOUT.default ? '' : attributes.layout); })[0] || LAYOUTS[0] || {}).help,
          onChange: function (value) { setAttributes({ layout: value }); },
        }),
        el(components.TextControl, {
          label: __('Heading', DOMAIN),
          className: 'sales-kpi-heading',
          value: attributes.heading,
          help: __('A title over the calculator. Empty: none in an article, “Sales KPI calculator” in a dashboard.', DOMAIN),
          onChange: function (value) { setAttributes({ heading: value }); },
        }),
        el(components.ToggleControl, {
          label: __('Readers may rename, add and remove steps', DOMAIN),
          className: 'sales-kpi-editable-stages',
          checked: !!attributes.editableStages,
          onChange: function (on) { setAttributes({ editableStages: on }); },
        })
      ),
      el(
        components.PanelBody,
        { title: __('Panels', DOMAIN), initialOpen: false, className: 'sales-kpi-panels' },
        el('p', { className: 'components-base-control__help' }, __('What readers see. Target, velocity, what-if, goal, sensitivity, uncertainty and unit economics are computed from the funnel, so it stays with them.', DOMAIN)),
        PANELS.map(function (panel) {
          return el(components.CheckboxControl, {
            key: panel.value,
            className: 'sales-kpi-panel-' + panel.value,
            label: panel.label,
            checked: shownPanels.indexOf(panel.value) >= 0 || (panel.value === 'funnel' && funnelNeeded),
            disabled: panel.value === 'funnel' && funnelNeeded,
            onChange: function (on) { togglePanel(panel.value, on); },
          });
        })
      ),
      el(
        components.PanelBody,
        { title: __('Starting what-if and numbers', DOMAIN), initialOpen: false, className: 'sales-kpi-start' },
        el(components.SelectControl, {
          label: __('What-if: change', DOMAIN),
          value: chosenLever ? parts.lever : '',
          options: [{ value: '', label: __('The calculator’s own (deal size +10 %)', DOMAIN) }].concat(leverList),
          onChange: function (value) { setWhatIf({ lever: value }); },
        }),
        chosenLever &&
          el(
            'div',
            { style: { display: 'flex', gap: '8px', alignItems: 'flex-start' } },
            el(components.TextControl, {
              label: __('by', DOMAIN),
              value: amountText,
              inputMode: 'decimal',
              help: amountValid ? '' : __('A number, such as 10 or -2.5', DOMAIN),
              onChange: function (value) {
                amountState[1](value);
                if (/^[+-]?\d+([.,]\d+)?$/.test(value.trim())) setWhatIf({ amount: value });
              },
            }),
            el(components.SelectControl, {
              label: __('Unit', DOMAIN),
              value: chosenLever.rate ? parts.unit : '%',
              options: chosenLever.rate
                ? [{ value: '%', label: __('% of itself', DOMAIN) }, { value: 'pp', label: __('percentage points', DOMAIN) }]
                : [{ value: '%', label: __('% of itself', DOMAIN) }],
              onChange: function (value) { setWhatIf({ unit: value }); },
            })
          ),
        el('p', { className: 'sales-kpi-numbers-source' }, attributes.model ? __('Readers start from the numbers typed into the preview.', DOMAIN) : __('Readers start from the preset’s numbers. Type into the preview to change them.', DOMAIN)),
        el(
          'div',
          { style: { display: 'flex', gap: '8px', flexWrap: 'wrap' } },
          el(components.Button, { variant: 'secondary', disabled: attributes.model === start.undoTo, onClick: function () { restart({}, start.undoTo); } }, __('Undo', DOMAIN)),
          el(components.Button, { variant: 'secondary', disabled: !attributes.model, onClick: function () { restart({}, ''); } }, __('Reset to the preset', DOMAIN))
        )
      )
    );

    if (isPreview) {
      // The inserter's hover preview: a picture of the calculator in words (the module runs in the
      // editor's document, not in the preview's frame).
      return el(
        'div',
        blockEditor.useBlockProps({ style: { padding: '24px', border: '1px solid #d8dee4', borderRadius: '10px', fontFamily: 'sans-serif' } }),
        el('strong', { style: { fontSize: '28px' } }, __('Sales KPI calculator', DOMAIN)),
        el('p', { style: { fontSize: '20px' } }, __('Readers type their visitors, conversion rates and deal size, and see revenue, what it takes to reach a target, and what a change would do.', DOMAIN))
      );
    }

    var preview = el(
      'div',
      blockEditor.useBlockProps({ className: 'sales-kpi-preview' }),
      el('p', { className: 'sales-kpi-preview-label', style: { fontSize: '13px', margin: '0 0 8px', opacity: 0.8 } }, attributes.model ? __('Preview: readers start from the numbers you type here.', DOMAIN) : __('Preview: readers start from the preset’s numbers; what you type here becomes theirs.', DOMAIN)),
      el(
        'div',
        { className: 'sales-kpi-fold', style: { maxHeight: folded[0] ? FOLDED_HEIGHT + 'px' : 'none', overflow: 'hidden' } },
        el('sales-kpi-calculator', Object.assign({ key: start.key, ref: host, theme: attributes.theme === 'light' || attributes.theme === 'dark' ? attributes.theme : scheme[0] }, elementProps(attributes, start.shown)))
      ),
      (tall[0] || !folded[0]) && el(components.Button, { variant: 'link', className: 'sales-kpi-fold-toggle', 'aria-expanded': !folded[0], onClick: function () { folded[1](!folded[0]); } }, folded[0] ? __('Show the whole calculator', DOMAIN) : __('Fold the calculator', DOMAIN))
    );
    return el(element.Fragment, null, inspector, preview);
  }

  blocks.registerBlockType('sales-kpi/calculator', {
    edit: Edit,
    save: function () { return null; },
  });
})(window.wp.blocks, window.wp.element, window.wp.blockEditor, window.wp.components, window.wp.data, window.wp.i18n);
