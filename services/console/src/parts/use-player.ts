import { useState } from 'preact/hooks';
import { protectedUrl } from '../download.js';

/** One audio player on a page: plays a protected file (the bearer token fetched it), releasing the last one. */
export function usePlayer(onError: (message: string) => void) {
  const [playing, setPlaying] = useState<{ id: string; url: string } | null>(null);
  const play = async (id: string, path: string) => {
    try {
      if (playing) URL.revokeObjectURL(playing.url);
      setPlaying({ id, url: await protectedUrl(path) });
    } catch (e) {
      onError((e as Error).message);
    }
  };
  return { playing, play };
}
