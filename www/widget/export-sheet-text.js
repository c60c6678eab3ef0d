// The spreadsheet export's words in English, Dutch and Danish: the button, the sheet's headers,
// the unit names and the note under the table. All three languages in one small file, because the
// share panel needs only the button's text up front and the rest is read once, on the click.
// The words are the ones a Dutch or Danish spreadsheet user writes: "procentpunt" and
// "procentpoint" (not "%-punt"), "regneark" for a spreadsheet in Danish.

/**
 * @typedef {object} SheetText
 * @property {string} button       the share panel's button
 * @property {string} fileName     the downloaded file's name
 * @property {string} sheet        the worksheet's tab (at most 31 characters)
 * @property {string} section      column header: the part of the calculator a row belongs to
 * @property {string} item         column header: what the row is
 * @property {string} unit         column header: the row's unit
 * @property {string} value        column header: the current value
 * @property {string} whatIf       column header: the value in the what-if scenario
 * @property {string} exact        column header: the exact value, where the number cell rounds it
 * @property {string} exactWhatIf  column header: the same for the what-if value
 * @property {Record<string, string>} units  the unit column's words; {currency} is the ISO code
 * @property {string} note         the line under the table
 */

/** @type {Record<'en' | 'nl' | 'da', SheetText>} */
export const SHEET_TEXT = {
  en: {
    button: 'Download spreadsheet',
    fileName: 'sales-kpi.xlsx',
    sheet: 'Sales KPIs',
    section: 'Section',
    item: 'Item',
    unit: 'Unit',
    value: 'Value',
    whatIf: 'Scenario',
    exact: 'Exact value',
    exactWhatIf: 'Exact scenario value',
    units: {
      money: '{currency}',
      perDay: '{currency} per day',
      count: 'number',
      pct: '%',
      pp: 'percentage points',
      day: 'days',
      month: 'months',
      year: 'years',
      ratio: 'ratio (x : 1)',
      text: 'text',
    },
    note: 'The numbers are number cells, so your spreadsheet shows them in its own format. The calculator computes exactly; where a cell can only hold a close approximation, the exact value is in the “Exact value” columns.',
  },
  nl: {
    button: 'Spreadsheet downloaden',
    fileName: 'sales-kpi.xlsx',
    sheet: "Sales-KPI's",
    section: 'Onderdeel',
    item: 'Omschrijving',
    unit: 'Eenheid',
    value: 'Waarde',
    whatIf: 'Scenario',
    exact: 'Exacte waarde',
    exactWhatIf: 'Exacte waarde scenario',
    units: {
      money: '{currency}',
      perDay: '{currency} per dag',
      count: 'aantal',
      pct: '%',
      pp: 'procentpunt',
      day: 'dagen',
      month: 'maanden',
      year: 'jaar',
      ratio: 'verhouding (x : 1)',
      text: 'tekst',
    },
    note: 'De getallen staan als getallen in de cellen, dus je spreadsheet toont ze in je eigen notatie. De calculator rekent exact; waar een cel alleen een benadering kan bevatten, staat de exacte waarde in de kolommen „Exacte waarde”.',
  },
  da: {
    button: 'Hent regneark',
    fileName: 'salgs-kpi.xlsx',
    sheet: "Salgs-KPI'er",
    section: 'Afsnit',
    item: 'Beskrivelse',
    unit: 'Enhed',
    value: 'Værdi',
    whatIf: 'Scenarie',
    exact: 'Eksakt værdi',
    exactWhatIf: 'Eksakt værdi, scenarie',
    units: {
      money: '{currency}',
      perDay: '{currency} pr. dag',
      count: 'antal',
      pct: '%',
      pp: 'procentpoint',
      day: 'dage',
      month: 'måneder',
      year: 'år',
      ratio: 'forhold (x : 1)',
      text: 'tekst',
    },
    note: 'Tallene står som tal i cellerne, så dit regneark viser dem i dit eget talformat. Beregneren regner eksakt; hvor en celle kun kan rumme en tilnærmet værdi, står den eksakte værdi i kolonnerne »Eksakt værdi«.',
  },
};

/**
 * The export's words in a language ("nl", "da-DK", "en-GB"); English for any other.
 * @param {string | undefined} language
 * @returns {SheetText}
 */
export function sheetText(language) {
  const primary = String(language ?? '').slice(0, 2).toLowerCase();
  return primary === 'nl' || primary === 'da' ? SHEET_TEXT[primary] : SHEET_TEXT.en;
}
