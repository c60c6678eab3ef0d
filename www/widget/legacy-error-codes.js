// INTERIM, deleted when branch engine-schema is merged: engines built before it throw errors
// without `code`, `pointer` and `params`. Until then this gives them a code from their sentence.
// errors.js reads `code` first and only falls back to this.

/** @type {[RegExp, string, Record<string, unknown>][]} */
const SENTENCES = [
  [/not both/, 'bothGiven', {}],
  [/to know how long/, 'oneRequired', {}],
  [/value of (end|new)/, 'exceedsField', {}],
  [/: required$/, 'required', {}],
  [/between 0 and 1( |$)|at most 1( |$)/, 'outOfRange', { maximum: '1' }],
  [/more than 0/, 'outOfRange', { exclusiveMinimum: '0' }],
  [/0 or more/, 'outOfRange', { minimum: '0' }],
  [/outside the range|too large|overflow/, 'overflow', {}],
  [/characters|visible text/, 'tooLong', {}],
  [/more than 100 %/, 'noSolution', { reason: 'outOfRange' }],
  [/does not move/, 'noSolution', { reason: 'noEffect' }],
];

/**
 * @param {any} error
 * @returns {string}
 */
export function codeOf(error) {
  const message = error instanceof Error ? error.message : '';
  const found = SENTENCES.find(([sentence]) => sentence.test(message));
  if (found && error instanceof Error) Object.assign(error, { params: found[2], pointer: /^((?:\/[^\s:]*)*): /.exec(message)?.[1] });
  return found?.[1] ?? 'unknown';
}
