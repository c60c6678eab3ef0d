// What the shape checks of a section's state in a share link are made of (each section's own
// check is its `linkShape` module, sections.js): only shapes and sizes, with the engine's own
// limits (its schema's `limits`, which the bundle keeps); the engine checks the values when the
// section runs them, and names what it refuses at its field.
import { MAX_NUMBER_CHARS } from './schema.js';

/** @typedef {(value: unknown) => unknown} ShapeCheck a section's state when it has the shape, else null */

/** A decimal or date as typed: text no longer than the engine reads. */
export const text = (/** @type {unknown} */ item) => typeof item === 'string' && item.length <= MAX_NUMBER_CHARS;
/** @param {unknown} value @returns {value is Record<string, any>} */
export const isObject = (value) => !!value && typeof value === 'object' && !Array.isArray(value);
/** A list of at most `most` items, each passing `check`. */
export const listOf = (/** @type {unknown} */ value, /** @type {number} */ most, /** @type {(item: any) => boolean} */ check) =>
  Array.isArray(value) && value.length <= most && value.every(check);
