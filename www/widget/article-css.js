// The article layout's styles (article.js), part of the shared stylesheet (styles.js).
// The host is a block formatting context, so the space kept below the calculator (the root's
// bottom margin) is inside its height: measured with it, reserved with it (reserve.js), and the
// next paragraph of a post never touches it. The answer keeps room for its longest sentence, the
// labels for two lines and, on a phone, the "More" row too, and the inputs' columns change where
// the rest of the layout does (reserve.js's widths): the inputs do not move while the reader
// types, and the reserved heights hold in Dutch and Danish, whose words are longer.
export const ARTICLE_CSS = `
:host{display:flow-root}
.root{margin-bottom:1.5rem}
.panel.lead{background:none;border:0;border-radius:0;padding:0}
.answer{font-size:1.25rem;line-height:1.35;margin:0 0 1rem;min-height:calc(5 * 1.35em)}
details.more>summary{min-height:calc(2 * 1.45em + 1.25rem)}
.answer .n{font-weight:700;font-variant-numeric:tabular-nums;color:var(--_accent)}
.stale .answer .n{color:var(--_muted)}
.answer-inputs{display:grid;gap:.75rem 1rem;grid-template-columns:repeat(2,minmax(0,1fr));align-items:end}
.answer-inputs .field{margin:0}
.answer-inputs label{display:flex;align-items:flex-end;font-size:.8125rem;line-height:1.3;min-height:2.6em}
details.more{margin:1rem 0 0;border-top:1px solid var(--_line)}
details.more>summary{padding:.625rem 0;color:var(--_accent);font-weight:600;cursor:pointer}
details.more[open]>summary{margin-bottom:.75rem}
@container (min-width:560px){.answer{min-height:calc(3 * 1.35em)}details.more>summary{min-height:2.75rem}.answer-inputs{grid-template-columns:repeat(3,minmax(0,1fr))}}
`;
