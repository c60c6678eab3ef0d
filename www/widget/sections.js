// The calculator's sections, each described once: its token in the `sections` attribute, whether
// its numbers come from the funnel, the model fields it shows, its module when that loads on
// demand, the part of `evaluate` it asks for, the engine function it runs besides (which makes it
// need the full engine), and its state's key in a share link. Everything that lists sections (state.js's SECTIONS and shown model, lazy-parts.js's
// loaders and engine choice, layout.js's order, the spreadsheet's rows, request.js's parts,
// url-state.js's keys) derives from this table, so a new panel is one entry here plus its own
// module and text.
//
// A module loaded on demand exports `render(view, sections)`, its panel (or false), and may export
// `css` (its styles), `loadText(lang)` (text of its own, loaded with it), `initialState(view)`
// (its part of the state when there is none yet, set before it is drawn) and `exportRows(view)`
// (its rows in the spreadsheet). A section that `runs` an engine function says what to ask in
// `view.runRequests[token]` as it renders; compute.js asks, and the answer is in
// `view.runAnswers[token]` when the section's part of the render runs. Importing this file loads
// none of the modules.

/**
 * The modules loaded on demand, by name: each is its own file in the bundle.
 */
export const MODULES = {
  sensitivity: () => import('./panels/sensitivity.js'),
  uncertainty: () => import('./panels/uncertainty.js'),
  economics: () => import('./panels/economics.js'),
  retention: () => import('./panels/retention.js'),
  plan: () => import('./panels/plan.js'),
  progress: () => import('./panels/progress.js'),
  share: () => import('./panels/share.js'),
};

/**
 * @typedef {object} Section
 * @property {string} token its word in the `sections` attribute
 * @property {boolean} [fromFunnel] its numbers come from the funnel, so it brings the funnel's fields
 * @property {string[]} [fields] the model's top-level fields it shows: results use them only while it is on screen
 * @property {'plan' | 'progress' | 'simulate'} [runs] the engine function it asks besides `evaluate`; only the full engine has these
 * @property {number} [runsAfter] milliseconds of quiet after typing before it runs (a costly run, not one per key)
 * @property {keyof typeof MODULES} [module] its module, loaded when it is shown
 * @property {boolean} [moreText] it uses the rest of the language's text (more-xx.js)
 * @property {keyof typeof import('./request.js').PARTS} [asks] the part of `evaluate`'s answer it shows, asked while it is shown
 * @property {boolean} [lead] the article shows it up front (its fields), not behind "More"; reserve.js's heights are by these
 * @property {string} [link] the key of its state (`state[token]`) in a share link
 * @property {() => Promise<{ linkState: import('./link-shapes.js').ShapeCheck }>} [linkShape] with `link`: the check of that state's shape, loaded when a link has it
 */

/**
 * The state of the sections that keep one (`state[token]`), as their modules hold it.
 * @typedef {{ plan?: import('./panels/plan-options.js').PlanOptions, progress?: import('./panels/progress.js').ProgressState }} SectionStates
 */

/** @type {Section[]} In the order of the layout. */
export const SECTION_TABLE = [
  { token: 'funnel', fromFunnel: true, lead: true },
  { token: 'target', fromFunnel: true, fields: ['target'], lead: true },
  { token: 'velocity', fromFunnel: true, fields: ['cycleDays'], moreText: true, lead: true },
  { token: 'whatif', fromFunnel: true },
  { token: 'goal', fromFunnel: true, asks: 'goals' },
  { token: 'sensitivity', fromFunnel: true, module: 'sensitivity', moreText: true, asks: 'sensitivity' },
  { token: 'uncertainty', fromFunnel: true, module: 'uncertainty', moreText: true, runs: 'simulate', runsAfter: 250 },
  { token: 'economics', fromFunnel: true, fields: ['acquisitionCost', 'customer'], module: 'economics', moreText: true },
  { token: 'retention', fields: ['retention'], module: 'retention', moreText: true },
  { token: 'growth', fields: ['growth'], module: 'retention', moreText: true },
  { token: 'plan', module: 'plan', runs: 'plan', link: 'pl', linkShape: () => import('./panels/plan-link.js') },
  { token: 'progress', module: 'progress', runs: 'progress', link: 'pg', linkShape: () => import('./panels/progress-link.js') },
  { token: 'share', module: 'share', moreText: true },
];

/** Every section's token, in the layout's order. */
export const SECTIONS = SECTION_TABLE.map((section) => section.token);

/**
 * The sections on the article's first screen: those it shows up front, or, with none of them
 * (pacing's Progress panel alone), the panels themselves.
 * @param {string[]} sections
 */
export const firstScreen = (sections) => {
  const lead = sections.filter((token) => sectionOf(token)?.lead);
  return lead.length ? lead : sections;
};

/**
 * The sections drawn now: all of them when every panel is shown (a dashboard, or the article with
 * its "More" row open); else the article's first screen. What they need (modules, text, the full
 * engine) loads before a draw; the others' when "More" opens.
 * @param {Set<string>} sections
 * @param {boolean} everyPanel
 */
export const drawnSections = (sections, everyPanel) => (everyPanel ? sections : new Set(firstScreen([...sections])));

/** @param {string} token */
export const sectionOf = (token) => SECTION_TABLE.find((section) => section.token === token);

/**
 * The modules of the sections shown, once each, in the table's order (retention and growth share one).
 * @param {Set<string>} sections
 * @returns {(keyof typeof MODULES)[]}
 */
export const shownModules = (sections) => [...new Set(SECTION_TABLE.flatMap((section) => (section.module && sections.has(section.token) ? [section.module] : [])))];
