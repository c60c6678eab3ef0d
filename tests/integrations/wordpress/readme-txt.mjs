// A reader of WordPress.org's plugin readme format (https://developer.wordpress.org/plugins/wordpress-org/how-your-readme-txt-works/),
// strict where the directory is: the header block, the short description, the sections.
// parseReadme(text) -> { name, fields, short, sections: { [name]: text }, problems: string[] }

/** Header fields the format documents. */
export const FIELDS = ['Contributors', 'Donate link', 'Tags', 'Requires at least', 'Tested up to', 'Requires PHP', 'Stable tag', 'License', 'License URI'];
const REQUIRED = ['Tested up to', 'Stable tag', 'License'];
const SECTIONS = ['Description', 'Installation', 'Frequently Asked Questions', 'Screenshots', 'Changelog', 'Upgrade Notice'];

export function parseReadme(text) {
  const problems = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const title = /^===\s*(.+?)\s*===$/.exec(lines[0] ?? '');
  if (!title) problems.push('the first line is not "=== Plugin Name ==="');
  const fields = {};
  let at = 1;
  for (; at < lines.length && lines[at].trim() !== ''; at++) {
    const field = /^([^:]+):\s*(.*)$/.exec(lines[at]);
    if (!field || !FIELDS.includes(field[1].trim())) problems.push(`header line ${at + 1} is not a known field: ${lines[at]}`);
    else fields[field[1].trim()] = field[2].trim();
  }
  for (const name of REQUIRED) if (!fields[name]) problems.push(`the header has no "${name}"`);
  for (; at < lines.length && lines[at].trim() === ''; at++);
  const shortLines = [];
  for (; at < lines.length && lines[at].trim() !== '' && !lines[at].startsWith('=='); at++) shortLines.push(lines[at].trim());
  const short = shortLines.join(' ');
  if (!short) problems.push('no short description after the header');
  if (short.length > 150) problems.push(`the short description has ${short.length} characters (150 at most)`);
  const sections = {};
  let current = null;
  for (; at < lines.length; at++) {
    const heading = /^==\s*(.+?)\s*==$/.exec(lines[at]);
    if (heading && !lines[at].startsWith('===')) {
      current = heading[1];
      if (!SECTIONS.includes(current)) problems.push(`unknown section "${current}"`);
      if (current in sections) problems.push(`section "${current}" twice`);
      sections[current] = '';
    } else if (current) sections[current] += `${lines[at]}\n`;
    else if (lines[at].trim()) problems.push(`text before the first section: ${lines[at]}`);
  }
  for (const name of ['Description', 'Changelog']) if (!(name in sections)) problems.push(`no "== ${name} ==" section`);
  const tags = (fields.Tags ?? '').split(',').map((tag) => tag.trim()).filter(Boolean);
  if (tags.length > 5) problems.push(`${tags.length} tags (5 at most are used)`);
  if (fields['Stable tag'] && !/^\d+(\.\d+)*$/.test(fields['Stable tag'])) problems.push('Stable tag is not a version');
  for (const name of ['Requires at least', 'Tested up to']) if (fields[name] && !/^\d+\.\d+(\.\d+)?$/.test(fields[name])) problems.push(`${name} is not a WordPress version`);
  if (fields.Contributors !== undefined && !/^[a-z0-9-]+(,\s*[a-z0-9-]+)*$/.test(fields.Contributors)) problems.push('Contributors is not a list of WordPress.org user names');
  if ('Frequently Asked Questions' in sections && !/^=\s*.+\s*=$/m.test(sections['Frequently Asked Questions'])) problems.push('the FAQ has no "= Question =" entries');
  if ('Screenshots' in sections) {
    const items = sections.Screenshots.split('\n').filter((line) => line.trim());
    items.forEach((line, i) => {
      if (!line.startsWith(`${i + 1}. `)) problems.push(`screenshot caption ${i + 1} is not "${i + 1}. …": ${line}`);
    });
  }
  if (fields['Stable tag'] && 'Changelog' in sections && !new RegExp(`^=\\s*${fields['Stable tag'].replace(/\./g, '\\.')}\\s*=`, 'm').test(sections.Changelog)) problems.push(`the changelog has no entry for ${fields['Stable tag']}`);
  return { name: title?.[1] ?? '', fields, short, sections, problems };
}
