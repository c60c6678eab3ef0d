// The built engine (www/pkg, all six functions) loaded once for a Node test file, and the error
// a call throws.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

export const PKG = new URL('../../www/pkg/', import.meta.url);
export const engine = await import(new URL('sales_kpi.js', PKG).href);
engine.initSync({ module: readFileSync(new URL('sales_kpi_bg.wasm', PKG)) });

/** The error `call` throws; fails the test if it answers. */
export function thrown(call) {
  try {
    call();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
}
