// Reads a downloaded .xlsx the way a test needs it: every sheet row as its cells' text (shared
// and inline strings, or the number as written). Unzipped with fflate; no spreadsheet program.
//
//   const rows = readSheet(readFileSync(await download.path()));   // [['Sales KPI calculator'], [], ['Section', …], …]
import { strFromU8, unzipSync } from 'fflate';

const unescape = (text) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const textOf = (xml) => unescape([...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((match) => match[1]).join(''));

/**
 * The rows of the workbook's first sheet, each a list of cell texts by column (A = 0).
 * @param {Uint8Array} bytes
 * @returns {string[][]}
 */
export function readSheet(bytes) {
  const files = unzipSync(new Uint8Array(bytes));
  const shared = files['xl/sharedStrings.xml'] ? [...strFromU8(files['xl/sharedStrings.xml']).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((match) => textOf(match[1])) : [];
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
  return [...sheet.matchAll(/<row\b[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)].map(([, body = '']) => {
    /** @type {string[]} */
    const cells = [];
    for (const [, attributes, inner = ''] of body.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const column = /r="([A-Z]+)\d+"/.exec(attributes)?.[1] ?? 'A';
      const index = [...column].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0) - 1;
      const type = /t="(\w+)"/.exec(attributes)?.[1];
      const value = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? '';
      cells[index] = type === 's' ? (shared[Number(value)] ?? '') : type === 'inlineStr' || type === 'str' ? textOf(inner) || unescape(value) : unescape(value);
    }
    return Array.from(cells, (cell) => cell ?? '');
  });
}
