import { Type, type TSchema } from '@sinclair/typebox';

/** A field that may be null. */
export const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
