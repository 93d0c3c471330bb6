/**
 * @hotline/acd — the routing engine: pure, deterministic, in memory. No I/O and no clock: every
 * method that changes state takes `now` (ms); time may not go backwards (TIME_WENT_BACKWARDS).
 *
 *   const acd = new Acd({ queues, agents, notReadyReasons? }, now)   // plain data, e.g. from SQL
 *
 * Configuration    upsertQueue(queue, now) · upsertAgent(agent, now)
 * Agents           setAgentState(agentId, { state: 'Ready' | 'LoggedOut' } | { state: 'NotReady', reason }, now)
 *                  setDeviceRegistered(agentId, registered, now) · extendWrapUp(agentId, seconds)
 * Calls            enqueue(call, now) → { accepted, position } or { accepted: false, overflow }
 *                  offerTo(call, agentId, now) → Offer   (a call for one Ready agent: blind transfer)
 *                  answer(callId, now) · declineOffer(callId, now) · abandon(callId, now)
 *                  holdPlace(callId, now)   (a callback: keeps its place, no max wait; it may come
 *                  back later with enqueue({ ..., waitingSince, holdsPlace: true }))
 *                  endCall(agentId, now)   (→ WrapUp for the queue's wrap-up time, or Ready)
 * Routing          dispatch(now) → Offer[]   call after any change; each offer reserves agent and call
 * Time             expire(now) → { overflows, missedOffers, wrapUpsEnded }
 *                  nextDeadline() → when expire/dispatch next have work (arm one timer for it)
 * Reading          agent(id) · call(id) · waitingCalls(queueId) · position(callId)
 *
 * Every agent state change returns the StateInterval it closed ({ agentId, state, reason?, from,
 * to }) for the caller to persist. Refusals throw AcdError with a `code`; a forbidden state change
 * throws its subclass InvalidTransitionError.
 *
 * Rules: an agent qualifies for a queue when it has every required skill at the level the call's
 * wait has relaxed it to. A call gets the longest-idle qualified Ready agent, or with 'best-skill'
 * the highest summed level over the queue's skills (ties: longest idle). Waiting calls are served
 * by priority, then queue weight, then longest wait, then call id. Ring-no-answer puts the call
 * back at its old place and the agent NotReady('missed call'); an unregistered softphone parks a
 * Ready agent in NotReady('device offline') until it registers again.
 */
export { Acd } from './engine.js';
export { explainStanding } from './explain.js';
export type { AgentStanding, Candidate, OfferRationale, RoutingExplanation, RoutingMoment, SkipReason } from './explain.js';
export type { RequestedState } from './engine.js';
export { AcdError, InvalidTransitionError } from './errors.js';
export type { AcdErrorCode } from './errors.js';
export { DEFAULT_NOT_READY_REASONS, DEVICE_OFFLINE, MISSED_CALL } from './agent-state.js';
export type * from './types.js';
