// Rules shared by the panels that lay out several fields in a grid (what-if levers, economics,
// retention and growth): whichever loads first brings them.
export const FIELDS_CSS = `.fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(12rem,100%),1fr));gap:0 1rem}
.fields>.field{display:grid;grid-template-rows:1fr auto}.fields>.field>label{align-self:end}`;
