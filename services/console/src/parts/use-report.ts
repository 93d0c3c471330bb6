import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';

/** GET `path` now and every `refreshMs`; null until the first answer. */
export function useReport<T>(path: string, refreshMs: number): T | null {
  const [data, setData] = useState<T | null>(null);
  useEffect(() => {
    const load = () => api<T>('GET', path).then(setData, () => undefined);
    load();
    const timer = window.setInterval(load, refreshMs);
    return () => window.clearInterval(timer);
  }, [path, refreshMs]);
  return data;
}
