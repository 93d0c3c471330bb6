/** Detractors get a call back from a manager: CSAT 1–2, NPS 0–6 (promoters are 9–10). */
export function isDetractor(scale: 'csat' | 'nps', score: number): boolean {
  return scale === 'csat' ? score <= 2 : score <= 6;
}

export function isPromoter(scale: 'csat' | 'nps', score: number): boolean {
  return scale === 'csat' ? score >= 4 : score >= 9;
}
