import type { AmiEvent } from '@hotline/asterisk';
import type { AsteriskCdr } from '@hotline/contracts';

/** Contexts where customer calls enter Asterisk (see asterisk-conf/extensions.conf). */
const INBOUND_CONTEXTS = new Set(['from-trunk', 'from-agents']);

/** Asterisk's CDR times are "YYYY-MM-DD HH:MM:SS" in its own zone, UTC here; empty when it never happened. */
function cdrTime(value: unknown): number | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const ms = Date.parse(`${value.trim().replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** An AMI Cdr event for an inbound call, in the shape we keep; anything else is not ours to reconcile. */
export function inboundCdr(event: AmiEvent): AsteriskCdr | undefined {
  if (event.event !== 'Cdr') return undefined;
  const text = (key: string) => (typeof event[key] === 'string' ? (event[key] as string) : '');
  if (!INBOUND_CONTEXTS.has(text('destinationcontext')) || text('uniqueid') === '') return undefined;
  return {
    uniqueid: text('uniqueid'),
    source: text('source'),
    destination: text('destination'),
    context: text('destinationcontext'),
    startedAt: cdrTime(event.starttime),
    answeredAt: cdrTime(event.answertime),
    endedAt: cdrTime(event.endtime),
    disposition: text('disposition'),
  };
}
