import type { Static } from '@sinclair/typebox';
import type { ErlangCView, KpiDefinition, KpiFigures } from '@hotline/contracts/api/reports';
import type { ErlangCResult, KpiDefinition as KpiMathDefinition, KpiFigures as KpiMathFigures } from '@hotline/kpi';

/** Compile-time proof that the API's report shapes describe exactly @hotline/kpi's types, so the two cannot drift. */
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const reportContractsMatchKpi: [
  Exactly<Static<typeof KpiDefinition>, KpiMathDefinition>,
  Exactly<Static<typeof KpiFigures>, KpiMathFigures>,
  Exactly<keyof ErlangCView, keyof ErlangCResult>,
] = [true, true, true];
