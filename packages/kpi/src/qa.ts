/** One line of a QA form: what is judged and how much it counts. */
export interface QaCriterion {
  id: string;
  label: string;
  weight: number;
}

/** The highest mark per criterion: 0 = not done … 5 = exemplary. */
export const QA_MAX_MARK = 5;

/**
 * A review's total, 0–100: each criterion's mark as a share of the best mark, weighted. Every
 * criterion must be marked, and only criteria of the form; the error names what is wrong.
 */
export function qaTotal(criteria: readonly QaCriterion[], marks: Readonly<Record<string, number>>): number {
  const unknown = Object.keys(marks).filter((id) => !criteria.some((c) => c.id === id));
  if (unknown.length > 0) throw new RangeError(`scores/${unknown[0]}: not a criterion of this form`);
  let weighted = 0;
  let weights = 0;
  for (const criterion of criteria) {
    const mark = marks[criterion.id];
    if (mark === undefined) throw new RangeError(`scores/${criterion.id}: missing`);
    if (!Number.isInteger(mark) || mark < 0 || mark > QA_MAX_MARK) throw new RangeError(`scores/${criterion.id}: must be an integer 0–${QA_MAX_MARK}`);
    weighted += criterion.weight * (mark / QA_MAX_MARK);
    weights += criterion.weight;
  }
  if (weights === 0) throw new RangeError('the form has no weighted criteria');
  return Math.round((weighted / weights) * 10_000) / 100;
}
