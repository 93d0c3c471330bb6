import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeVoiceFile } from '../../scripts/load/voice.js';
import { writeDtmfPcap } from './dtmf-pcap.js';

const scenarios = fileURLToPath(new URL('../sipp/', import.meta.url));
/** SIPp writes its logs into the working directory; keep them out of the repository. */
const workDir = mkdtempSync(join(tmpdir(), 'hotline-sipp-'));
writeVoiceFile(join(workDir, 'voice.ulaw')); // what the scenarios that talk send as RTP

export interface SippResult {
  code: number | null;
  output: string;
}

export interface SippRun {
  done: Promise<SippResult>;
  kill(): void;
}

const running = new Set<SippRun>();

/** Ends every SIPp run still going (a test that failed half-way leaves its peers behind otherwise). */
export function killAllSipp(): void {
  for (const run of running) run.kill();
}

let captures = 0;

/** caller-rates.xml with the given keys pressed, each followed by its pause (2 s unless given), written where SIPp runs. */
function ratingScenario(keys: (string | [key: string, pauseMs: number])[]): string {
  const presses = keys
    .map((press) => {
      const [key, pauseMs] = typeof press === 'string' ? [press, 2000] : press;
      const pcap = join(workDir, `key-${++captures}.pcap`);
      writeDtmfPcap(pcap, key);
      return `<nop><action><exec play_pcap_audio="${pcap}" /></action></nop>\n  <pause milliseconds="${pauseMs}" />`;
    })
    .join('\n  ');
  const file = join(workDir, `caller-rates-${++captures}.xml`);
  writeFileSync(file, readFileSync(join(scenarios, 'caller-rates.xml'), 'utf8').replace('<!--KEYS-->', presses));
  return file;
}

/**
 * Runs one SIPp scenario from test/sipp against Asterisk; resolves with its exit code (0 = scenario
 * passed). With `netns`, SIPp runs inside that network namespace (the test run's remote machine).
 */
export function runSipp(target: string, scenario: string, args: string[], timeoutSecs = 60, netns?: string): SippRun {
  const sippArgs = [target, '-sf', scenario.startsWith('/') ? scenario : join(scenarios, scenario), '-m', '1', '-nostdin', '-timeout', `${timeoutSecs}s`, '-timeout_error', '-trace_err', ...args];
  const child = netns
    ? spawn('ip', ['netns', 'exec', netns, 'sipp', ...sippArgs], { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn('sipp', sippArgs, { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  const run: SippRun = {
    done: new Promise<SippResult>((resolve) => child.on('close', (code) => {
      running.delete(run);
      resolve({ code, output });
    })),
    kill: () => child.kill('SIGKILL'),
  };
  running.add(run);
  return run;
}

export interface SipTarget {
  sip: { host: string; port: number; trunkAddress: string; callbackTrunk: string };
}

/** Where a SIPp phone runs: by default on this machine's loopback; or inside the remote namespace. */
export interface PhonePlace {
  address: string;
  /** The stack's SIP address the phone talks to (the listen address, for a remote phone). */
  server?: string;
  netns?: string;
}

/** A SIPp softphone for one agent (UDP): a fixed local port (and place), register/unregister, answer. */
export function sippAgent(config: SipTarget, extension: string, password: string, port: number, place: PhonePlace = { address: '127.0.0.1' }) {
  const { address, netns } = place;
  const target = `${place.server ?? config.sip.host}:${config.sip.port}`;
  const local = ['-i', address, '-p', String(port)];
  const register = (expires: number, timeoutSecs = 15) =>
    runSipp(target, 'register.xml', ['-s', extension, '-au', extension, '-ap', password, '-set', 'expires', String(expires), ...local], timeoutSecs, netns).done;
  return {
    register: () => register(300),
    /** A registration that gives up after `timeoutSecs` (an address whose requests get no answer). */
    registerWithin: (timeoutSecs: number) => register(300, timeoutSecs),
    unregister: () => register(0),
    /** Rings briefly, answers, talks until the far end hangs up. */
    answer: () => runSipp(target, 'agent-answer.xml', [...local, '-mi', address], 60, netns),
    /** Answers, talks `talkMs`, then goes silent without hanging up: a phone that vanished. */
    answerThenVanish: (talkMs: number) => runSipp(target, 'agent-goes-silent.xml', [...local, '-mi', address, '-d', String(talkMs)], 60, netns),
    /** Rings until Asterisk gives up; never answers. */
    ignore: () => runSipp(target, 'agent-no-answer.xml', [...local, '-mi', address], 60, netns),
    /** Answers, talks `talkMs`, then hangs up itself; `calls` calls one after another. */
    answerThenHangUp: (talkMs: number, calls = 1) => runSipp(target, 'agent-hangs-up.xml', [...local, '-mi', address, '-d', String(talkMs), '-m', String(calls)], 60, netns),
  };
}

/** A customer dialling a queue number from the trunk address (or from `address`, e.g. a stranger's). */
export function sippCaller(config: SipTarget, callerNumber: string, address = config.sip.trunkAddress) {
  const target = `${config.sip.host}:${config.sip.port}`;
  const local = ['-i', address, '-mi', address, '-set', 'caller', callerNumber];
  return {
    /** Hangs up `talkMs` after being answered (by the service's greeting, not necessarily an agent). */
    call: (number: string, talkMs: number) => runSipp(target, 'caller.xml', ['-s', number, '-d', String(talkMs), ...local]),
    /** Waits `holdMs` after being answered, then speaks for about 7 s and hangs up. */
    leaveMessage: (number: string, holdMs: number) => runSipp(target, 'caller-leaves-message.xml', ['-s', number, '-d', String(holdMs), ...local]),
    /** Waits `waitMs`, presses each key and waits its pause, then stays until the other side hangs up (an IVR menu's caller). */
    pressKeys: (number: string, waitMs: number, keys: [key: string, pauseMs: number][]) =>
      runSipp(target, ratingScenario(keys), ['-s', number, '-d', String(waitMs), ...local]),
    /** Talks until `talkMs`, then presses the survey `keys` and stays until Asterisk hangs up. */
    rate: (number: string, talkMs: number, keys: string[]) =>
      runSipp(target, ratingScenario(keys), ['-s', number, '-d', String(talkMs), ...local]),
    /** One INVITE that passes only if Asterisk answers it with an authentication challenge (401). */
    challenged: (number: string) => runSipp(target, 'caller-challenged.xml', ['-s', number, ...local], 10),
    /** One INVITE that passes only if it is refused with 486 Busy Here, never answered. */
    refusedBusy: (number: string) => runSipp(target, 'caller-refused-busy.xml', ['-s', number, ...local], 10),
    /** Passes only if the call is rejected unanswered (403: a blocked number). */
    rejected: (number: string) => runSipp(target, 'caller-rejected.xml', ['-s', number, ...local], 10),
    /** Stays on the line until the other side hangs up. */
    callUntilHangup: (number: string) => runSipp(target, 'caller-until-hangup.xml', ['-s', number, ...local]),
  };
}

/** The customer's phone behind the callback trunk: the address Asterisk sends callbacks to. */
export function sippCustomerPhone(config: SipTarget) {
  const target = `${config.sip.host}:${config.sip.port}`;
  const [host = '127.0.0.1', port = ''] = config.sip.callbackTrunk.split(':');
  const local = ['-i', host, '-p', port, '-mi', host];
  return {
    /**
     * Fails unless the call is for `number` (and, given `from`, shows that caller number); rings
     * `ringMs`, answers, talks until the far end hangs up.
     */
    answers: (number: string, ringMs: number, from = '[0-9]+') => {
      const file = join(workDir, `customer-answers-${number}.xml`);
      writeFileSync(file, readFileSync(join(scenarios, 'customer-answers.xml'), 'utf8').replace('<!--NUMBER-->', number).replace('<!--FROM-->', from));
      return runSipp(target, file, [...local, '-d', String(ringMs)]);
    },
    /** Refuses the call as busy. */
    busy: () => runSipp(target, 'customer-busy.xml', local),
  };
}
