/**
 * A self-service answer over HTTP: GET `url` with the caller's number, answering JSON
 * `{ "text": "…" }`. Undefined when it fails, answers anything else, or is not back in time: the
 * caller then hears the node's fallback rather than silence.
 */
export async function lookupAnswer(url: string, customerNumber: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const target = new URL(url);
    target.searchParams.set('number', customerNumber);
    const res = await fetch(target, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { text?: unknown };
    return typeof body.text === 'string' && body.text.trim() !== '' ? body.text.slice(0, 1000) : undefined;
  } catch {
    return undefined;
  }
}
