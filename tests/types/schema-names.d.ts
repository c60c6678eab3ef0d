// The names src/bindings.d.ts uses from the declarations scripts/build.mjs generates from the
// schema table and appends to the package's sales_kpi.d.ts; here taken from the built package,
// so tsc can check src/bindings.d.ts as the file it is.
import type * as Package from 'sales-kpi';

declare global {
  type Model = Package.Model;
  type Stage = Package.Stage;
  type ErrorCode = Package.ErrorCode;
  type EngineError = Package.EngineError;
  type PlanOptions = Package.PlanOptions;
  type ProgressOptions = Package.ProgressOptions;
}
