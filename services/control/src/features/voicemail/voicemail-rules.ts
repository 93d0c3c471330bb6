import type { VoicemailChange } from '@hotline/contracts/api/voicemails';
import type { VoicemailMessage, VoicemailState } from '@hotline/db';

/** Who is changing a message: an agent works the messages assigned to them; staff run the box. */
export type VoicemailActor = { role: 'agent'; agentId: string | null } | { role: 'supervisor' | 'admin' };

export interface Refusal {
  statusCode: 403 | 409;
  message: string;
}

/** Whether the actor may see a message at all: an agent only those assigned to them. */
export function canSee(actor: VoicemailActor, message: Pick<VoicemailMessage, 'assigneeId'>): boolean {
  return actor.role !== 'agent' || (actor.agentId !== null && message.assigneeId === actor.agentId);
}

/**
 * What a change makes of a message, or why it is refused. Assigning moves a new message to
 * 'assigned' and unassigning moves it back; reopening ('new') takes it off its assignee; an agent
 * may only mark their own messages called back or closed, and add a note.
 */
export function decideChange(actor: VoicemailActor, current: VoicemailMessage, change: VoicemailChange): { next: VoicemailState } | { refusal: Refusal } {
  if (actor.role === 'agent') {
    if (change.assigneeId !== undefined) return { refusal: { statusCode: 403, message: 'agents do not assign messages; a supervisor does' } };
    if (change.status !== undefined && change.status !== 'called-back' && change.status !== 'closed') {
      return { refusal: { statusCode: 403, message: `agents mark their messages called-back or closed, not ${change.status}` } };
    }
  }
  let assigneeId = change.assigneeId === undefined ? current.assigneeId : change.assigneeId;
  let status = change.status ?? current.status;
  if (change.status === undefined && change.assigneeId !== undefined && (current.status === 'new' || current.status === 'assigned')) {
    status = assigneeId === null ? 'new' : 'assigned';
  }
  if (change.status === 'new') {
    if (change.assigneeId) return { refusal: { statusCode: 409, message: "a message reopened as 'new' has no assignee: assign it instead" } };
    assigneeId = null;
  }
  if (status === 'assigned' && assigneeId === null) {
    return { refusal: { statusCode: 409, message: 'body/assigneeId: a message is assigned to an agent; name one' } };
  }
  return { next: { status, assigneeId, note: change.note ?? current.note } };
}
