import { useEffect, useState } from 'preact/hooks';
import type { QaForm } from '@hotline/contracts/qa';
import { api } from '../api.js';

const MARKS = [0, 1, 2, 3, 4, 5];
/** Where each criterion starts: "meets expectations". */
const DEFAULT_MARK = 3;

/** A reviewer marks a call on a QA form: 0–5 per weighted criterion and a comment. */
export function QaReview({ callId, onDone }: { callId: string; onDone: () => void }) {
  const [forms, setForms] = useState<QaForm[]>([]);
  const [formId, setFormId] = useState('');
  const [result, setResult] = useState<{ total: number } | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<QaForm[]>('GET', '/qa/forms').then((list) => {
      setForms(list);
      setFormId(list[0]?.id ?? '');
    }, (e: Error) => setError(e.message));
  }, []);
  const form = forms.find((f) => f.id === formId);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!form) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const scores = Object.fromEntries(form.criteria.map((c) => [c.id, Number(data.get(c.id))]));
    try {
      setResult(await api<{ total: number }>('POST', `/calls/${callId}/qa`, { formId, scores, comment: String(data.get('comment') ?? '') }));
      setError('');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <form class="card qa-review" onSubmit={(e) => void submit(e)} data-testid="qa-review">
      <h2>QA review</h2>
      <select value={formId} onChange={(e) => setFormId((e.currentTarget as HTMLSelectElement).value)} aria-label="QA form">
        {forms.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
      </select>
      {form?.criteria.map((c) => (
        <label key={c.id} class="criterion">
          <span>{c.label} <span class="muted">(weight {c.weight})</span></span>
          <select name={c.id}>
            {MARKS.map((m) => <option key={m} value={String(m)} selected={m === DEFAULT_MARK}>{m}</option>)}
          </select>
        </label>
      ))}
      <label>Comment <textarea name="comment" rows={3} maxLength={4000} /></label>
      <div class="buttons">
        <button type="submit" disabled={!form}>Save review</button>
        <button type="button" class="secondary" onClick={onDone}>Close</button>
        {result && <strong data-testid="qa-total">Score {result.total.toFixed(0)} / 100</strong>}
      </div>
      {error && <p class="error">{error}</p>}
    </form>
  );
}
