// What only a reader who edits needs: reading typed numbers, and problems in the reader's words.
// A first view without edits does without it; it loads when the reader first focuses a field, or
// when the engine refuses something and the reason has to be said.
export { readNumber, refusalText, withoutUnit } from './number-input.js';
export { noSolutionText, problemOf, problemText } from './errors.js';
export { fieldProblem, rangeProblem } from './range-check.js';
export { dropEmptySections, renameStages, renumberStages } from './model-edits.js';
export { announce } from './announce.js';
export { onCommit, onInput } from './field-input.js';
