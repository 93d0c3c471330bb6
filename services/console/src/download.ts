import { currentSession } from './api.js';

/** Fetches a protected file with the bearer token and hands back an object URL (audio, CSV). */
export async function protectedUrl(path: string): Promise<string> {
  const session = currentSession();
  const res = await fetch(path, { headers: session ? { authorization: `Bearer ${session.token}` } : {} });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  return URL.createObjectURL(await res.blob());
}
