import { Type, type Static } from '@sinclair/typebox';
import { Extension, Slug } from '../entities.js';
import { nullable } from './nullable.js';

export const VoicemailStatus = Type.Union([Type.Literal('new'), Type.Literal('assigned'), Type.Literal('called-back'), Type.Literal('closed')], {
  description: "'new': nobody has it yet; 'assigned': an agent is to call back; 'called-back': done; 'closed': no call back needed",
});
export type VoicemailStatus = Static<typeof VoicemailStatus>;

/** A message in a queue's voicemail box (GET /voicemails). Its id is the call's. */
export const VoicemailMessage = Type.Object({
  id: Type.String(),
  queueId: Type.String(),
  customerNumber: Type.String(),
  customerName: nullable(Type.String()),
  leftAt: Type.Number(),
  secs: Type.Number(),
  bytes: Type.Number(),
  status: VoicemailStatus,
  assigneeId: nullable(Type.String()),
  /** 'deleted' once retention removed the audio; the message stays listed. */
  audio: Type.Union([Type.Literal('stored'), Type.Literal('deleted')]),
  heardAt: nullable(Type.Number()),
  heardBy: nullable(Type.String()),
  note: nullable(Type.String()),
  updatedAt: Type.Number(),
  updatedBy: Type.String(),
});
export type VoicemailMessage = Static<typeof VoicemailMessage>;

export const VoicemailHistoryEntry = Type.Object({
  at: Type.Number(),
  actor: Type.String(),
  action: Type.Union([Type.Literal('left'), Type.Literal('heard'), Type.Literal('changed')]),
  status: VoicemailStatus,
  assigneeId: nullable(Type.String()),
  note: nullable(Type.String()),
});

/** One message with everything that happened to it (GET /voicemails/:id). */
export const VoicemailDetail = Type.Intersect([VoicemailMessage, Type.Object({ history: Type.Array(VoicemailHistoryEntry) })]);
export type VoicemailDetail = Static<typeof VoicemailDetail>;

export const VoicemailSearch = Type.Object(
  {
    status: Type.Optional(VoicemailStatus),
    queueId: Type.Optional(Slug),
    assigneeId: Type.Optional(Extension),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);

/** PATCH /voicemails/:id: assign (or unassign with null), mark called back or closed, reopen, note. */
export const VoicemailChange = Type.Object(
  {
    status: Type.Optional(VoicemailStatus),
    assigneeId: Type.Optional(nullable(Extension)),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type VoicemailChange = Static<typeof VoicemailChange>;
