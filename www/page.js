// Hands the page's query string to its calculator, so a plain link (or an iframe src) can set
// preset, locale, currency, model, what-if and sections. The widget validates every value.
const el = document.querySelector('sales-kpi-calculator');
const q = new URLSearchParams(location.search);
for (const k of ['preset', 'locale', 'currency', 'model', 'what-if', 'sections']) {
  if (q.has(k)) el.setAttribute(k, q.get(k));
}
try {
  const lang = q.get('locale') && Intl.getCanonicalLocales(q.get('locale'))[0];
  if (lang) document.documentElement.lang = lang;
} catch {
  // An invalid locale keeps the page's language; the widget says what was wrong.
}
