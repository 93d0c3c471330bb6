import { Type, type Static } from '@sinclair/typebox';
import { Role } from '../entities.js';

// No control characters: a NUL would reach PostgreSQL as an invalid byte sequence.
const Username = Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001f\\u007f]+$' });

/** POST /auth/login. */
export const Login = Type.Object({
  username: Username,
  password: Type.String({ minLength: 1, maxLength: 256 }),
});

/** A signed-in session, as /auth/login answers it. */
export const LoginSession = Type.Object({
  token: Type.String(),
  expiresAt: Type.Integer(),
  role: Role,
  agentId: Type.Union([Type.String(), Type.Null()]),
});
export type LoginSession = Static<typeof LoginSession>;
