import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, rename, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PromptLanguage } from '@hotline/contracts';

const run = promisify(execFile);

/** Text to something Asterisk can play: a `sound:` media URI. */
export interface Speech {
  render(text: string, language: PromptLanguage): Promise<string>;
}

const VOICE: Record<PromptLanguage, string> = { en: 'en-us', zh: 'cmn' };
/** Inside Asterisk's filesystem; the same folder as the stack's rendered prompts. */
const FOLDER = '/var/lib/hotline/prompts/ivr';

/**
 * Speech by espeak-ng (Debian's, with Mandarin), as the stack's own prompts are made: one 8 kHz
 * WAV per text and language, named by their hash, so a text already spoken is a file that exists.
 */
export function espeakSpeech(chroot: string): Speech {
  const dir = join(chroot, FOLDER);
  // Texts known to be on disk: a menu's prompts are spoken at every step, the file checked once.
  const onDisk = new Set<string>();
  return {
    async render(text, language) {
      const name = createHash('sha256').update(`${language}\n${text}`).digest('hex').slice(0, 24);
      const file = join(dir, `${name}.wav`);
      const media = `sound:${FOLDER}/${name}`;
      if (onDisk.has(name)) return media;
      if (await stat(file).then((s) => s.size > 0, () => false)) {
        onDisk.add(name);
        return media;
      }
      await mkdir(dir, { recursive: true, mode: 0o755 });
      const spoken = join(tmpdir(), `hotline-speech-${name}-${process.pid}.wav`);
      const converted = `${file}.${process.pid}.tmp.wav`;
      try {
        await run('espeak-ng', ['-v', VOICE[language], '-s', '150', '-w', spoken, text]);
        await run('sox', [spoken, '-r', '8000', '-c', '1', '-b', '16', converted]);
      } finally {
        await unlink(spoken).catch(() => undefined);
      }
      // Prompts are no secret, and Asterisk's own user plays them.
      await chmod(converted, 0o644);
      await rename(converted, file);
      onDisk.add(name);
      return media;
    },
  };
}
