import { Type, type Static } from '@sinclair/typebox';
import { DialNumber, PromptLanguage, Slug } from './entities.js';

const NodeId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' });
/** What a caller hears, as text: rendered to speech in the menu's language when the menu is saved. */
const Prompt = Type.String({ minLength: 1, maxLength: 1000 });

/** Press a key for…: each key leads to a node; silence or a wrong key re-prompts, then the default. */
export const IvrMenuNode = Type.Object(
  {
    kind: Type.Literal('menu'),
    prompt: Prompt,
    options: Type.Record(Type.String({ pattern: '^[0-9*#]$' }), NodeId, { minProperties: 1, additionalProperties: false }),
    timeoutSecs: Type.Integer({ minimum: 1, maximum: 30 }),
    /** Prompts again after silence or a key that leads nowhere this many times, then the default. */
    retries: Type.Integer({ minimum: 0, maximum: 5 }),
    default: NodeId,
  },
  { additionalProperties: false },
);
/** Into a queue, with the path that led there on the call's record. */
export const IvrQueueNode = Type.Object({ kind: Type.Literal('queue'), queueId: Slug }, { additionalProperties: false });
/** Something to hear (an outage notice, opening hours), then the next node, or goodbye. */
export const IvrAnnouncementNode = Type.Object(
  { kind: Type.Literal('announcement'), prompt: Prompt, next: Type.Union([NodeId, Type.Null()]) },
  { additionalProperties: false },
);
/**
 * Self-service: the caller's number is looked up over HTTP (GET url?number=…, answering JSON
 * `{ "text": "…" }`), the answer is spoken after `prompt`, then the next node or goodbye. A lookup
 * that fails or takes over 3 s says `fallback` instead.
 */
export const IvrLookupNode = Type.Object(
  {
    kind: Type.Literal('lookup'),
    prompt: Prompt,
    url: Type.String({ pattern: '^https?://', maxLength: 500 }),
    fallback: Prompt,
    next: Type.Union([NodeId, Type.Null()]),
  },
  { additionalProperties: false },
);
export const IvrNode = Type.Union([IvrMenuNode, IvrQueueNode, IvrAnnouncementNode, IvrLookupNode]);
export type IvrNode = Static<typeof IvrNode>;

/** An IVR menu: callers of its number start at `root`. */
export const IvrMenu = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    number: DialNumber,
    language: PromptLanguage,
    root: NodeId,
    nodes: Type.Record(NodeId, IvrNode, { minProperties: 1, maxProperties: 200 }),
  },
  { additionalProperties: false },
);
export type IvrMenu = Static<typeof IvrMenu>;
export type StoredIvrMenu = IvrMenu & { id: string };

/** One step of a caller's way through a menu: the node reached, and the key that left it (none: silence, or the end). */
export const IvrStep = Type.Object({
  node: NodeId,
  key: Type.Optional(Type.String()),
  /** Wrong keys and silences there: each prompted again, until one past the node's retries took its default. */
  retries: Type.Optional(Type.Integer({ minimum: 1 })),
  at: Type.Integer({ minimum: 0 }),
});
export type IvrStep = Static<typeof IvrStep>;
/** How a caller left a menu: into a queue, heard what they came for and were said goodbye, or hung up. */
export const IvrExit = Type.Union([Type.Literal('queue'), Type.Literal('completed'), Type.Literal('hung-up')]);
export type IvrExit = Static<typeof IvrExit>;
