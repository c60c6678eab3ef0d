// The planner page's own words (the calculator has its own, in widget/). An element marked
// data-text="key" gets TEXT[lang].key as its text, data-text-content="key" as its `content`
// and data-text-label="key" as its aria-label. index.html holds the English as written here, for
// readers without JavaScript; the <noscript> note is in the page only, in all three languages,
// because no script can translate what shows when scripts do not run.
// The Dutch and Danish use the words of the sales articles in those languages (conversieratio,
// dealgrootte, omzet; konverteringsrate, ordrestørrelse, omsætning) and address the reader as
// "je" and "du".

/** @type {Record<'en' | 'nl' | 'da', Record<string, string>>} */
export const TEXT = {
  en: {
    title: 'Sales KPI planner: the universal sales formula, targets and what-ifs',
    description: 'Plan revenue with the universal sales formula: visitors × conversion × hit rate × deal value. Exact numbers, what-ifs, goal seek, sensitivity and uncertainty, in your browser.',
    heading: 'Sales KPI planner',
    lede: 'Top of the funnel × conversion at each step × average deal value = revenue. Fill in your own numbers: every result, what-if and goal recomputes as you type, in exact decimal arithmetic.',
    nav: 'Site',
    embedLink: 'Embed it',
    footer: 'Runs entirely in your browser: no cookies, no tracking, nothing stored.',
    footerLink: 'Put this calculator in your own article',
  },
  nl: {
    title: 'Sales-KPI-planner: de universele salesformule, doelen en scenario’s',
    description: 'Plan je omzet met de universele salesformule: bezoekers × conversieratio × hitrate × dealgrootte. Exacte cijfers, scenario’s, doelzoeken, gevoeligheid en onzekerheid, in je browser.',
    heading: 'Sales-KPI-planner',
    lede: 'Instroom in de funnel × conversieratio per stap × gemiddelde dealgrootte = omzet. Vul je eigen cijfers in: elk resultaat, elk scenario en elk doel wordt opnieuw berekend terwijl je typt, exact tot op de laatste decimaal.',
    nav: 'Website',
    embedLink: 'Insluiten',
    footer: 'Werkt helemaal in je browser: geen cookies, geen tracking, er wordt niets opgeslagen.',
    footerLink: 'Zet deze calculator in je eigen artikel',
  },
  da: {
    title: 'Salgs-KPI-planlægger: den universelle salgsformel, mål og scenarier',
    description: 'Planlæg din omsætning med den universelle salgsformel: besøgende × konverteringsrate × hitrate × ordrestørrelse. Eksakte tal, scenarier, målsøgning, følsomhed og usikkerhed, i din browser.',
    heading: 'Salgs-KPI-planlægger',
    lede: 'Toppen af salgstragten × konverteringsrate pr. trin × gennemsnitlig ordrestørrelse = omsætning. Udfyld dine egne tal: alle resultater, scenarier og mål regnes præcist om, mens du skriver.',
    nav: 'Websted',
    embedLink: 'Indlejr',
    footer: 'Kører helt i din browser: ingen cookies, ingen sporing, intet gemmes.',
    footerLink: 'Sæt beregneren ind i din egen artikel',
  },
};

/**
 * The language of a locale's text: "nl-BE" reads Dutch; a language we do not have, English.
 * @param {string | null | undefined} locale
 * @returns {'en' | 'nl' | 'da'}
 */
export function languageOf(locale) {
  const lang = String(locale ?? '').split('-')[0].toLowerCase();
  return lang === 'nl' || lang === 'da' ? lang : 'en';
}
