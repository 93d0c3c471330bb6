import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './wait.js';

export interface BaresipAccount {
  extension: string;
  password: string;
  /** host:port of the stack's SIP TLS transport. */
  server: string;
  /** The CA the phone trusts for the server's certificate (and nothing else). */
  caFile: string;
}

/**
 * baresip, a real softphone, as a remote agent's desk phone: SIP over TLS with SRTP (SDES) media
 * (it takes the SDES keys Asterisk offers beside RTP/AVP and answers with its own),
 * answering every call at once and sending a 440 Hz tone, run inside a network namespace. Its SIP
 * trace (-s, decrypted by baresip itself) is kept, so tests can read what was signalled.
 */
export function baresipPhone(account: BaresipAccount, place: { netns: string; address: string }) {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-baresip-'));
  // What the agent "says": a 440 Hz tone, 8 kHz mono like G.711.
  const tone = join(dir, 'tone.wav');
  execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', tone, 'synth', '60', 'sine', '440', 'vol', '0.5']);
  writeFileSync(
    join(dir, 'config'),
    [
      'poll_method epoll',
      `sip_listen ${place.address}:5071`,
      `sip_cafile ${account.caFile}`,
      `audio_source aufile,${tone}`,
      // 8 kHz mono throughout, as G.711 is: no resampler needed.
      'ausrc_srate 8000',
      'auplay_srate 8000',
      'ausrc_channels 1',
      'auplay_channels 1',
      `audio_player aufile,${join(dir, 'heard.wav')}`,
      'audio_alert aufile,/dev/null',
      'rtp_stats yes',
      'module_path /usr/lib/baresip/modules',
      ...['g711.so', 'aufile.so', 'srtp.so'].map((m) => `module ${m}`),
      'module_app account.so',
      'module_app menu.so',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'accounts'),
    `<sip:${account.extension}@${account.server};transport=tls>;auth_pass=${account.password};mediaenc=srtp;answermode=auto;regint=300;audio_codecs=PCMU\n`,
  );
  let output = '';
  const child: ChildProcess = spawn('ip', ['netns', 'exec', place.netns, 'baresip', '-f', dir, '-s'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-200_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    output: () => output,
    /** Waits until the phone's output matches. */
    waitFor: (what: string, pattern: RegExp, timeoutMs = 20_000) => waitFor(what, () => (pattern.test(output) ? true : undefined), timeoutMs),
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 500));
      child.kill('SIGKILL');
    },
  };
}
