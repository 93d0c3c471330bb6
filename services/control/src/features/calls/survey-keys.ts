export type SurveyScale = 'csat' | 'nps';

/** A caller's key as a score on the scale: CSAT 1–5; NPS 0–9, and * for 10. Anything else is invalid. */
export function scoreFromKey(scale: SurveyScale, key: string): number | undefined {
  if (scale === 'nps') {
    if (key === '*') return 10;
    return /^[0-9]$/.test(key) ? Number(key) : undefined;
  }
  return /^[1-5]$/.test(key) ? Number(key) : undefined;
}
