// Changes to the model that follow an edit: an emptied section leaves the model, what-ifs and
// ranges follow their stage when a stage is added or removed, and stage names the reader kept
// follow a change of language. Part of the editing module, loaded when first needed.

import { textKey } from './i18n.js';
import { funnelPreset } from './state.js';

/**
 * @typedef {import('./state.js').Model} Model
 * @typedef {import('./state.js').State} State
 * @typedef {import('./state.js').Translate} Translate
 */

/** The parts of the model a reader may leave out entirely. */
export const OPTIONAL_SECTIONS = ['customer', 'retention', 'growth'];

/**
 * An emptied section (customer, retention, growth) leaves the model.
 * @param {Model} model
 */
export function dropEmptySections(model) {
  for (const key of OPTIONAL_SECTIONS) {
    const section = model[key];
    if (section && typeof section === 'object' && !Object.keys(section).length) delete model[key];
  }
}

/**
 * After a change of language (`was` to `now`), the preset's stage names the reader kept follow it.
 * @param {State} state
 * @param {Translate} was
 * @param {Translate} now
 */
export function renameStages({ preset, model }, was, now) {
  const stages = model.funnel.stages;
  const old = was(textKey('stages', funnelPreset(preset))).split('|');
  const names = now(textKey('stages', funnelPreset(preset))).split('|');
  if (stages.length === old.length && stages.every((stage, i) => stage.name === old[i])) stages.forEach((stage, i) => (stage.name = names[i] ?? stage.name));
}

/** The funnel's stage index in a pointer such as /funnel/stages/2/rate, or -1. */
const STAGE_POINTER = /^\/funnel\/stages\/(\d+)(\/.*)?$/;

/**
 * @param {string} pointer
 * @returns {{ index: number, rest: string } | null}
 */
export function stagePointer(pointer) {
  const match = STAGE_POINTER.exec(pointer);
  return match ? { index: Number(match[1]), rest: match[2] ?? '' } : null;
}

/**
 * Renumbers the what-ifs and ranges that point at stages after a step is added or removed;
 * `renumber` gives a stage's new index, or null when it is gone.
 * @param {State} state
 * @param {(index: number) => number | null} renumber
 */
export function renumberStages(state, renumber) {
  for (const key of /** @type {const} */ (['whatif', 'ranges'])) {
    /** @type {Record<string, any>} */
    const next = {};
    for (const [lever, value] of Object.entries(state[key])) {
      const stage = stagePointer(lever);
      if (!stage) next[lever] = value;
      else {
        const index = renumber(stage.index);
        if (index !== null) next[`/funnel/stages/${index}${stage.rest}`] = value;
      }
    }
    state[key] = next;
  }
}
