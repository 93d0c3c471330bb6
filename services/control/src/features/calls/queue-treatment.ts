import type { CallChange, Queue } from '@hotline/contracts';
import type { AriPort } from './ari-port.js';
import type { CallerAudio } from './caller-audio.js';
import type { CallEventBody, LiveCall } from './live-calls.js';
import { playbackId, promptsFor } from './media.js';
import { AbandonRates, HandleTimes, announcementMedia, estimateCallerWaitSecs } from './wait-estimate.js';

/** What queue treatment uses of the call flow it belongs to. */
export interface TreatmentHost {
  ari: Pick<AriPort, 'stopPlayback'>;
  audio: CallerAudio;
  queue(id: string): Queue | undefined;
  /** The caller's place in line, while waiting. */
  position(callId: string): number | undefined;
  /** For each agent who could take the call and is working: seconds until free. */
  freeInSecs(callId: string, handleSecs: number): number[] | undefined;
  /** The prompt offering a callback, when this caller may have one now. */
  callbackMedia(call: LiveCall): string[];
  publish(call: LiveCall, event: CallEventBody, suffix?: string): void;
  notify(call: LiveCall, change: CallChange): void;
}

/** Read afresh after an await: other events move a call on meanwhile. */
const talking = (call: LiveCall) => call.state === 'talking';

/**
 * What a waiting caller hears: their place in line and expected wait, told again every queue's
 * interval, and hold music in between. The estimate learns from the queue's recent handle times
 * and abandons.
 */
export class QueueTreatment {
  readonly handleTimes = new HandleTimes();
  readonly abandonRates = new AbandonRates();

  constructor(private readonly host: TreatmentHost) {}

  /** Tells a waiting caller their place and expected wait, then schedules the next telling. */
  async announce(call: LiveCall): Promise<void> {
    const queue = this.host.queue(call.queueId);
    const inLine = this.host.position(call.id);
    if (!queue || inLine === undefined || call.state !== 'waiting') return this.#notNow(call);
    // A caller is never told a worse place than before (a VIP arriving ahead is not their news).
    const position = Math.min(inLine, call.announcedPosition ?? inLine);
    const handleSecs = this.handleTimes.average(queue.id);
    const freeInSecs = this.host.freeInSecs(call.id, handleSecs) ?? [];
    const waitSecs = estimateCallerWaitSecs({ ahead: position - 1, abandonRate: this.abandonRates.rate(queue.id), freeInSecs, handleSecs });
    call.announcements += 1;
    call.announcedPosition = position;
    // Kept in the snapshot: a service taking the call up after a crash must stop this playback.
    this.host.notify(call, 'announced');
    // Logged with the call, to be judged against the wait that follows (the estimate-error KPI).
    const spoken = position > 1 && waitSecs !== undefined ? waitSecs : null;
    this.host.publish(call, { type: 'call.announced', position, estimateSecs: spoken }, `announced-${call.announcements}`);
    call.log.debug({ position, waitSecs }, 'announcing position');
    await this.host.audio.stopMoh(call);
    // An agent may have been rung or have answered meanwhile: then no announcement.
    if (call.state !== 'waiting') return this.#notNow(call);
    const media = [...announcementMedia(promptsFor(call.language), position, waitSecs), ...this.host.callbackMedia(call)];
    const id = playbackId(call.id, 'announcement', call.announcements);
    // A caller who hung up meanwhile is being ended elsewhere; a missed announcement is no failure.
    await this.host.audio.play(call, media, id).catch((error: Error) => call.log.info({ err: error.message }, 'announcement not played'));
    // Answered while the request was on its way, after the answer stopped what was playing: stop
    // it now, or connecting the caller waits behind the whole announcement.
    if (talking(call)) await this.host.ari.stopPlayback(id).catch(() => undefined);
    this.#nextAnnouncement(call);
  }

  /** No telling now. While an agent rings, the next one stays due: a missed offer puts the caller back in line. */
  async #notNow(call: LiveCall): Promise<void> {
    if (call.state === 'ringing') this.#nextAnnouncement(call);
    await this.hold(call);
  }

  #nextAnnouncement(call: LiveCall): void {
    const queue = this.host.queue(call.queueId);
    // Answered, ended or sent on meanwhile: nothing more to tell.
    if (!queue || (call.state !== 'waiting' && call.state !== 'ringing')) return;
    clearTimeout(call.announceTimer);
    call.announceTimer = setTimeout(() => void this.announce(call).catch(() => undefined), queue.announceIntervalSecs * 1000);
    call.announceTimer.unref();
  }

  /** No more announcements, and nothing playing: what comes next on the channel would wait behind it. */
  async silence(call: LiveCall): Promise<void> {
    clearTimeout(call.announceTimer);
    await this.host.audio.silence(call);
  }

  async hold(call: LiveCall): Promise<void> {
    if (call.state !== 'waiting' && call.state !== 'ringing') return;
    await this.host.audio.startMoh(call).catch((error: Error) => call.log.warn({ err: error.message }, 'music on hold failed'));
  }

}
