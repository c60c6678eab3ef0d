// The widget's styles as one constructable stylesheet: it is shared by every instance, needs no
// request, and is allowed by a host CSP of style-src 'self' (no <style>, no style attributes).
// Theming: --skc-* custom properties on the element (light) and --skc-*-dark (dark), ::part(),
// and theme="light|dark" to pin one scheme.
import { ARTICLE_CSS } from './article-css.js';

const dark = `--_bg:var(--skc-bg-dark,#14181d);--_panel:var(--skc-panel-dark,#1c2128);--_fg:var(--skc-fg-dark,#e6edf3);--_muted:var(--skc-muted-dark,#a2acb7);--_line:var(--skc-border-dark,#353d47);--_ctl:var(--skc-control-dark,#8b949e);--_accent:var(--skc-accent-dark,#70b3ff);--_on:var(--skc-on-accent-dark,#0b1320);--_err:var(--skc-error-dark,#ff9a91);--_b0:#8b949e;--_b1:var(--skc-chart-1-dark,#70b3ff);--_b2:var(--skc-chart-2-dark,#f0883e);color-scheme:dark`;

const css = `
:host{display:block;container-type:inline-size;--_bg:var(--skc-bg,#fff);--_panel:var(--skc-panel,#f6f8fa);--_fg:var(--skc-fg,#1f2328);--_muted:var(--skc-muted,#57606a);--_line:var(--skc-border,#d8dee4);--_ctl:var(--skc-control,#6e7781);--_accent:var(--skc-accent,#0b5cad);--_on:var(--skc-on-accent,#fff);--_err:var(--skc-error,#b42318);--_b0:#7d8793;--_b1:var(--skc-chart-1,#0b5cad);--_b2:var(--skc-chart-2,#c2410c);--_r:var(--skc-radius,10px);color-scheme:light;font-family:var(--skc-font,inherit);line-height:1.45}
:host([hidden]){display:none}
:host([theme=dark]){${dark}}
@media (prefers-color-scheme:dark){:host(:not([theme=light])){${dark}}}
*{box-sizing:border-box}
.root{hyphens:auto;-webkit-hyphens:auto;background:var(--_bg);color:var(--_fg);border:1px solid var(--_line);border-radius:var(--_r);padding:clamp(.75rem,3cqi,1.5rem);font-size:1rem}
.title{margin:0 0 .75rem;font-size:1.375rem;line-height:1.25}
.grid{display:grid;gap:1rem;grid-template-columns:minmax(0,1fr)}
@container (min-width:720px){.grid{grid-template-columns:repeat(2,minmax(0,1fr))}.wide{grid-column:1/-1}}
.panel{background:var(--_panel);border:1px solid var(--_line);border-radius:var(--_r);padding:1rem;min-width:0}
.panel h3{margin:0 0 .75rem;font-size:1.0625rem;line-height:1.3}
p{margin:0}
.formula,.hint,.foot{color:var(--_muted);font-size:.8125rem}
.formula{margin:0 0 .875rem}
.foot{margin:1rem 0 0}
.field{margin:0 0 .875rem;min-width:0}
label{display:block;font-size:.875rem;font-weight:600;margin:0 0 .25rem}
.control{display:flex;align-items:center;gap:.375rem}
input,select,button{font:inherit;color:inherit;margin:0}
input,select{min-height:2.5rem;width:100%;min-width:0;padding:.375rem .625rem;border:1px solid var(--_ctl);border-radius:6px;background:var(--_bg);font-variant-numeric:tabular-nums}
select{width:auto;max-width:100%;flex:none}
.affix{color:var(--_muted);white-space:nowrap}
.box{display:flex;flex:1;align-items:center;gap:.375rem;min-width:0;min-height:2.5rem;padding:0 .625rem;border:1px solid var(--_ctl);border-radius:6px;background:var(--_bg);cursor:text}
.box input{flex:1;min-height:2.375rem;padding:0;border:0;border-radius:0;background:none}
.box:focus-within{outline:3px solid var(--_accent);outline-offset:1px}
.box:has([aria-invalid=true]){border-color:var(--_err);box-shadow:0 0 0 1px var(--_err)}
.field .hint{margin:.25rem 0 0}
.err{color:var(--_err);font-size:.8125rem;font-weight:600;margin:.25rem 0 0}
.err:empty,.hint:empty,.stale-note:empty{display:none}
input[aria-invalid=true]{border-color:var(--_err);box-shadow:0 0 0 1px var(--_err)}
:focus-visible{outline:3px solid var(--_accent);outline-offset:2px}
input:focus-visible,select:focus-visible{outline-offset:1px}
.box input:focus-visible{outline:0}.box input[aria-invalid=true]{box-shadow:none}
fieldset{border:0;margin:0 0 .75rem;padding:0;min-width:0}
legend{width:100%;padding:.625rem 0 .375rem;border-top:1px solid var(--_line)}
fieldset.stage legend{font-size:.75rem;font-weight:700;letter-spacing:.04em;text-transform:uppercase;color:var(--_muted)}
.stage .row{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr) auto;gap:.5rem;align-items:start}
.stage .field{margin:0}
button{min-height:2.5rem;padding:.375rem .875rem;border:1px solid var(--_accent);border-radius:6px;background:var(--_accent);color:var(--_on);font-weight:600;cursor:pointer;transition:background-color .15s,color .15s}
button:hover{background:color-mix(in srgb,var(--_accent) 85%,var(--_fg))}
button.ghost,button.icon{background:transparent;color:var(--_accent)}
button.ghost:hover,button.icon:hover{background:color-mix(in srgb,var(--_accent) 12%,transparent)}
button.ghost{margin:0 0 .875rem}
button.icon{width:2.5rem;padding:0;margin-top:1.6rem;font-size:1.25rem;line-height:1;color:var(--_muted);border-color:var(--_ctl)}
.res{border-top:1px solid var(--_line)}
.res:last-of-type{border-bottom:1px solid var(--_line)}
.res summary{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:0 .75rem;min-height:2.5rem;padding:.5rem 0;cursor:pointer;list-style:none}
.res summary::-webkit-details-marker{display:none}
.k{display:flex;gap:.5rem;align-items:baseline;min-width:0}
.res summary .k::before{content:"";flex:none;width:.45em;height:.45em;border:solid var(--_muted);border-width:0 2px 2px 0;transform:translateY(-.1em) rotate(-45deg);transition:transform .15s}
.res[open] summary .k::before{transform:translateY(-.2em) rotate(45deg)}
.needed summary .k{display:block}
.needed summary .k::before{display:inline-block;margin-right:.5rem}
.v,.n{font-weight:700;font-variant-numeric:tabular-nums}
.v{text-align:right;white-space:nowrap;margin-left:auto}
.big summary{align-items:center}
.big .v{font-size:1.75rem;line-height:1.2;color:var(--_accent)}
.sub .res summary{padding-left:1rem;font-size:.9375rem}
.how{margin:0 0 .75rem 1.2rem;font-size:.875rem;color:var(--_muted)}
[hidden]{display:none!important}
.stale .results .v,.stale .whatif .v{color:var(--_muted)}.stale .chart{filter:grayscale(1)}
.stale-note{color:var(--_err);font-weight:600;font-size:.875rem;margin:0 0 .5rem}
.tbox{overflow-x:auto;margin:.5rem 0}
table{border-collapse:collapse;width:100%;font-size:.875rem;font-variant-numeric:tabular-nums}
th,td{padding:.4rem .5rem;border-bottom:1px solid var(--_line);text-align:left;vertical-align:top;white-space:nowrap}
th:first-child{padding-left:0}
.tbox tr>:first-child{position:sticky;left:0;z-index:1;background:var(--_panel)}
@container (min-width:521px){.tbox tbody th,.tbox tbody td{white-space:normal}}
td.msg{white-space:normal;min-width:14rem}
thead th{font-size:.75rem;font-weight:700;color:var(--_muted);letter-spacing:.03em}
.num{text-align:right;white-space:nowrap}
td.msg{font-style:italic}
details.alt>summary,details.levers>summary{display:inline-flex;align-items:center;min-height:2rem;color:var(--_accent);font-weight:600;font-size:.875rem;cursor:pointer}
details.levers{margin:.75rem 0}
.chart{margin:.75rem 0 .25rem}
.svg{display:block;width:100%;height:auto;overflow:visible}
.tx{fill:var(--_fg);font-size:12.5px}
.sm{fill:var(--_muted);font-size:11.5px}
.b0{fill:var(--_b0)}.b1{fill:var(--_b1)}.b2{fill:var(--_b2)}
.ln{stroke:var(--_fg);stroke-width:1.5;stroke-dasharray:4 3}
.headline{display:grid;gap:.5rem 1.5rem;grid-template-columns:minmax(0,1fr);align-items:end}
@container (min-width:560px){.headline{grid-template-columns:minmax(0,17rem) minmax(0,1fr)}}
.headline .field{margin:0}
.headline .box{font-size:1.25rem;max-width:10rem}
input[type=checkbox],input[type=radio]{width:1.5rem;height:1.5rem;min-height:0;max-width:none;padding:0;flex:none;accent-color:var(--_accent)}
.goalkind>span,.days>span{display:inline-flex;align-items:center;gap:.375rem}
.kpis{display:flex;flex-wrap:wrap;gap:.5rem 2rem;padding-bottom:.25rem}
.kpis p{display:flex;flex-direction:column}
.kpis .k{font-size:.8125rem;color:var(--_muted)}
.kpis .v{font-size:1.5rem;text-align:left}
.rel{color:var(--_muted);font-size:1rem}
.cols{display:grid;gap:0 1.5rem;grid-template-columns:minmax(0,1fr)}
@container (min-width:1000px){.cols{grid-template-columns:minmax(0,1.4fr) minmax(0,1fr);align-items:start}}
.notice{border-left:4px solid var(--_accent);background:var(--_panel);padding:.5rem .75rem;margin:0 0 1rem;font-size:.875rem}
.notice:empty{padding:0;margin:0;border:0}
.fatal{border-color:var(--_err)}
.loading{color:var(--_muted);padding:1rem}
.sr{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
@container (max-width:520px){.root{border:0;padding:0;background:none}.panel{padding:.875rem .75rem}.stage .row{grid-template-columns:minmax(0,1fr) auto}.stage .name{grid-column:1/-1}th,td{padding:.375rem .375rem}}
${ARTICLE_CSS}
@media (prefers-reduced-motion:reduce){*,::before{transition:none!important}}
@media print{:host,:host(:not([theme=light])),:host([theme=dark]){--_bg:#fff;--_accent:#0b5cad;--_b1:#0b5cad;--_b2:#c2410c;--_ctl:#6e7781;--_panel:#fff;--_fg:#000;--_muted:#333;--_line:#999;color-scheme:light}.root{border:0;padding:0}.panel{break-inside:avoid}button,details.alt,details.levers,.res summary .k::before{display:none}}
`;

/** @type {CSSStyleSheet | undefined} */
let sheet;
/** @type {string[]} */
const added = [];

/**
 * Gives a shadow root the shared stylesheet.
 * @param {ShadowRoot} root
 */
export function adopt(root) {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  root.adoptedStyleSheets = [sheet];
}

/**
 * Adds the rules of a lazily loaded panel (each rule once) to the shared sheet, so every
 * instance has them.
 * @param {string[]} rules
 */
export function addCss(rules) {
  const fresh = rules.filter((rule) => !added.includes(rule));
  if (!fresh.length) return;
  added.push(...fresh);
  sheet?.replaceSync(`${css}\n${added.join('\n')}`);
}
