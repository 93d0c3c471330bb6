import type { CallbackPolicy } from '@hotline/contracts';

/**
 * Which callers may be called back, and when. A callback only ever dials the number the caller
 * called from (never one typed in), so it cannot be used to reach arbitrary numbers; a withheld or
 * malformed number gets no callback offer.
 */
const DIALABLE = /^\+?[0-9]{3,15}$/;

export function dialable(number: string): boolean {
  return DIALABLE.test(number);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` (local time) falls inside the daily window; a window whose end is before its start runs overnight. */
export function inWindow(window: CallbackPolicy['window'], at: Date): boolean {
  const minute = at.getHours() * 60 + at.getMinutes();
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** The next moment the window opens after `now` (ms). */
export function nextOpening(window: CallbackPolicy['window'], now: number): number {
  const opening = new Date(now);
  opening.setHours(0, minutesOf(window.from), 0, 0);
  if (opening.getTime() <= now) opening.setDate(opening.getDate() + 1);
  return opening.getTime();
}

/** A waiting caller is offered a callback when the queue has them on, the window is open and the number can be dialled. */
export function callbackOffered(policy: CallbackPolicy, customerNumber: string, now: number): boolean {
  return policy.enabled && dialable(customerNumber) && inWindow(policy.window, new Date(now));
}
