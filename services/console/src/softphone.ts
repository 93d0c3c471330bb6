import { useEffect, useState } from 'preact/hooks';
import { UA, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import { api } from './api.js';

export type PhoneState = 'off' | 'connecting' | 'registered' | 'failed' | 'ringing' | 'in-call';

export interface Softphone {
  state: PhoneState;
  detail: string;
  caller: string | null;
  answer(): void;
  hangUp(): void;
}

interface Account {
  wsUrl: string;
  uri: string;
  username: string;
  realm: string;
  ha1: string;
}

/**
 * The browser softphone: SIP over websocket to Asterisk, WebRTC audio. It registers while the
 * desktop is open, so the router rings it instead of the desk phone; the agent answers here.
 */
export function useSoftphone(agentId: string | null, enabled: boolean): Softphone {
  const [state, setState] = useState<PhoneState>('off');
  const [detail, setDetail] = useState('');
  const [session, setSession] = useState<RTCSession | null>(null);
  const [caller, setCaller] = useState<string | null>(null);

  useEffect(() => {
    if (!agentId || !enabled) return;
    let ua: UA | undefined;
    let cancelled = false;
    setState('connecting');
    void api<Account>('GET', `/agents/${agentId}/softphone`)
      .then((account) => {
        if (cancelled) return;
        ua = new UA({
          sockets: [new WebSocketInterface(account.wsUrl)],
          uri: account.uri,
          realm: account.realm,
          ha1: account.ha1,
          register: true,
          register_expires: 120,
          session_timers: false,
          user_agent: 'Hotline desktop',
        });
        ua.on('registered', () => setState((s) => (s === 'ringing' || s === 'in-call' ? s : 'registered')));
        ua.on('unregistered', () => setState('off'));
        ua.on('registrationFailed', (e: { cause?: string }) => {
          setState('failed');
          setDetail(e.cause ?? 'registration failed');
        });
        ua.on('newRTCSession', ({ originator, session: incoming }: { originator: string; session: RTCSession }) => {
          if (originator !== 'remote') return;
          setSession(incoming);
          setCaller(incoming.remote_identity.display_name || incoming.remote_identity.uri.user);
          setState('ringing');
          incoming.on('confirmed', () => setState('in-call'));
          const done = () => {
            setSession(null);
            setCaller(null);
            setState('registered');
          };
          incoming.on('ended', done);
          incoming.on('failed', done);
          incoming.on('peerconnection', ({ peerconnection }: { peerconnection: RTCPeerConnection }) => {
            peerconnection.addEventListener('track', (event) => playRemote(event.streams[0]));
          });
        });
        ua.start();
      })
      .catch((error: Error) => {
        setState('failed');
        setDetail(error.message);
      });
    return () => {
      cancelled = true;
      ua?.stop();
    };
  }, [agentId, enabled]);

  return {
    state,
    detail,
    caller,
    answer: () => session?.answer({ mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } }),
    hangUp: () => session?.terminate(),
  };
}

function playRemote(stream: MediaStream | undefined): void {
  if (!stream) return;
  let audio = document.getElementById('remote-audio') as HTMLAudioElement | null;
  if (!audio) {
    audio = document.createElement('audio');
    audio.id = 'remote-audio';
    audio.autoplay = true;
    document.body.append(audio);
  }
  audio.srcObject = stream;
}
