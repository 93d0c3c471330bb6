import type { CallChange, CallEvent } from '@hotline/contracts';
import type { JobBus } from '../../plugins/job-bus.js';
import type { CallEventBody, LiveCall } from './live-calls.js';
import type { SurveyResult } from './survey-ivr.js';

/** The call events that change what a live view of the call shows. */
const LIVE_CHANGES: Partial<Record<CallEventBody['type'], CallChange>> = {
  'call.enqueued': 'enqueued',
  'call.offered': 'offered',
  'call.answered': 'answered',
  'call.overflowed': 'overflowed',
  'call.dialing': 'dialing',
  'call.ended': 'ended',
};

/**
 * What the rest of the service and the workers learn of calls: each call event handed to the
 * workers once (its id is stable, so a retry stores nothing twice), and the live listeners (the
 * event stream, the crash snapshot, supervision, the wallboard's survey feed).
 */
export class CallNotifier {
  readonly #ended: ((call: LiveCall) => void)[] = [];
  readonly #changed: ((call: LiveCall, change: CallChange) => void)[] = [];
  readonly #surveyed: ((result: SurveyResult) => void)[] = [];

  constructor(
    private readonly events: Pick<JobBus, 'publish' | 'processSurvey'>,
    private readonly now: () => number,
  ) {}

  /** Called for every call that ends, however it ends (supervision closes its sessions on it). */
  onEnded(listener: (call: LiveCall) => void): void {
    this.#ended.push(listener);
  }

  /** Called whenever a live view of a call changes (the live event stream, the crash snapshot). */
  onChange(listener: (call: LiveCall, change: CallChange) => void): void {
    this.#changed.push(listener);
  }

  /** Called when a caller answers the survey or lets it go unanswered. */
  onSurveyed(listener: (result: SurveyResult) => void): void {
    this.#surveyed.push(listener);
  }

  ended(call: LiveCall): void {
    for (const listener of this.#ended) listener(call);
  }

  changed(call: LiveCall, change: CallChange): void {
    for (const listener of this.#changed) listener(call, change);
  }

  /** The survey is over, answered or not: on the call's record, to the listeners, and a score to the workers. */
  surveyed(result: SurveyResult): void {
    const { call, scale, score } = result;
    call.log.info({ scale, score }, score === null ? 'survey offered, not answered' : 'survey answered');
    this.publish(call, { type: 'call.surveyed', scale, score });
    for (const listener of this.#surveyed) listener(result);
    if (score === null) return;
    this.events
      .processSurvey({ callId: call.id, agentId: call.agentId, queueId: call.queueId, customerNumber: call.customerNumber, scale, score, at: this.now() })
      .catch((error: Error) => call.log.error({ err: error.message }, 'could not hand the survey to the workers'));
  }

  /** Fire and forget: the call must not wait on Redis; BullMQ buffers while it reconnects. */
  publish(call: LiveCall, event: CallEventBody, suffix?: string, at = this.now()): void {
    const full = { ...event, id: `${call.id}.${suffix ?? event.type.slice('call.'.length)}`, callId: call.id, at } as CallEvent;
    const change = LIVE_CHANGES[full.type];
    if (change) this.changed(call, change);
    this.events.publish(full).catch((error: Error) => {
      call.log.error({ err: error.message, eventId: full.id }, 'could not hand a call event to the workers');
    });
  }
}
