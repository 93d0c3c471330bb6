import type { LoginSession } from '@hotline/contracts/api/auth';

/** The signed-in user, kept for the browser tab only. */
export type Session = LoginSession & { username: string };

const KEY = 'hotline.session';

export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as Session) : null;
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  location.hash = '#/login';
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** JSON request to the control service; a 401 sends the user back to the login page. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const session = currentSession();
  const headers: Record<string, string> = {};
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401 && session) signOut();
  const text = await res.text();
  const data = text && res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : text;
  if (!res.ok) throw new ApiError(res.status, (data as { message?: string }).message ?? `${res.status} ${res.statusText}`);
  return data as T;
}

export async function signIn(username: string, password: string): Promise<Session> {
  const res = await api<LoginSession>('POST', '/auth/login', { username, password });
  const session = { ...res, username };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}
