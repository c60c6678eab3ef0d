// The article layout's styles (article.js), part of the shared stylesheet (styles.js).
// The host is a block formatting context, so the space kept below the calculator (the root's
// bottom margin) is inside its height: measured with it, reserved with it (reserve.js), and the
// next paragraph of a post never touches it.
export const ARTICLE_CSS = `
:host{display:flow-root}
.root{margin-bottom:1.5rem}
.answer{font-size:1.25rem;line-height:1.35;margin:0 0 1rem}
.answer .n{font-weight:700;font-variant-numeric:tabular-nums;color:var(--_accent)}
.stale .answer .n{color:var(--_muted)}
.inputs{display:grid;gap:.75rem 1rem;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));align-items:end}
.inputs .field{margin:0}
details.more{margin:1rem 0 0;border-top:1px solid var(--_line)}
details.more>summary{min-height:2.75rem;padding:.625rem 0;color:var(--_accent);font-weight:600;cursor:pointer}
details.more[open]>summary{margin-bottom:.75rem}
`;
