/** Just enough of the control service's REST API to provision a load test, as its admin. */
export async function adminApi(baseUrl: string, adminPassword: string) {
  const send = async <T>(method: string, path: string, body: unknown, token?: string): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const { token } = await send<{ token: string }>('POST', '/auth/login', { username: 'admin', password: adminPassword });
  return {
    put: <T>(path: string, body: unknown) => send<T>('PUT', path, body, token),
    post: <T>(path: string, body: unknown) => send<T>('POST', path, body, token),
    /** A plain-text resource such as /metrics, read as the admin. */
    text: async (path: string) => {
      const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
      return res.text();
    },
  };
}
export type AdminApi = Awaited<ReturnType<typeof adminApi>>;
