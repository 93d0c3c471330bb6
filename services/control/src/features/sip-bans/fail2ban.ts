import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { HotlineConfig } from '@hotline/contracts';

export interface SipBan {
  address: string;
  bannedAt: number;
  expiresAt: number | null;
}

/** The SIP ban list as fail2ban keeps it: the jail bans by itself, people list, add and lift. */
export interface SipBanPort {
  list(): Promise<SipBan[]>;
  /** True when the address was not banned before. */
  ban(address: string): Promise<boolean>;
  /** True when the address was banned. */
  unban(address: string): Promise<boolean>;
  /** Addresses with failures counted but not (yet) banned. */
  failing(): Promise<number>;
}

export type RunClient = (args: string[]) => Promise<string>;

const LOCAL_TIME = /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})/;

/** fail2ban prints times in the server's local time, to the second. */
function localTime(text: string): number {
  const [, y, mo, d, h, mi, s] = (LOCAL_TIME.exec(text) ?? []).map(Number);
  return new Date(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0).getTime();
}

/**
 * `get <jail> banip --with-time`: one line per ban, `<ip> \t<banned at> + <secs> = <expires at>`
 * (secs of -1 for a ban that never expires).
 */
export function parseBanList(text: string): SipBan[] {
  return text
    .split('\n')
    .map((line) => /^(\S+)\s+(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) \+ (-?\d+) = (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})/.exec(line.trim()))
    .flatMap((m) => (m ? [{ address: m[1] ?? '', bannedAt: localTime(m[2] ?? ''), expiresAt: Number(m[3]) < 0 ? null : localTime(m[4] ?? '') }] : []));
}

/** `status <jail>`: "Currently failed: N". */
export function parseCurrentlyFailed(text: string): number {
  return Number(/Currently failed:\s*(\d+)/.exec(text)?.[1] ?? 0);
}

export function createFail2banPort(jail: string, run: RunClient): SipBanPort {
  return {
    list: async () => parseBanList(await run(['get', jail, 'banip', '--with-time'])),
    ban: async (address) => (await run(['set', jail, 'banip', address])).trim() === '1',
    unban: async (address) => (await run(['set', jail, 'unbanip', address])).trim() === '1',
    failing: async () => parseCurrentlyFailed(await run(['status', jail])),
  };
}

const execFileAsync = promisify(execFile);

/** fail2ban-client against the instance's own server (its socket is named in that folder's fail2ban.conf). */
export function fail2banClient(settings: NonNullable<HotlineConfig['sipBan']>): RunClient {
  return async (args) => (await execFileAsync('fail2ban-client', ['-c', settings.fail2banConfig, ...args], { timeout: 10_000 })).stdout;
}
