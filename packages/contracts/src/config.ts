import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { Role } from './entities.js';

const Port = Type.Integer({ minimum: 1, maximum: 65535 });

/** One kind of number agents may call: a whole-number pattern (digits only) and who may dial it. */
export const NumberPlanRule = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 60 }),
  /** A regular expression the whole number must match, e.g. ^1[3-9][0-9]{9}$ for mainland mobiles. */
  pattern: Type.String({ minLength: 1, maxLength: 200 }),
  roles: Type.Array(Role, { minItems: 1, uniqueItems: true }),
});
export type NumberPlanRule = Static<typeof NumberPlanRule>;

/** Domestic mobile and landline numbers (mainland China); international is off until a deployment adds it. */
export const DEFAULT_NUMBER_PLAN: NumberPlanRule[] = [
  { name: 'mobile', pattern: '^1[3-9][0-9]{9}$', roles: ['agent', 'supervisor', 'admin'] },
  { name: 'landline', pattern: '^0[1-9][0-9]{8,10}$', roles: ['agent', 'supervisor', 'admin'] },
];
const Secret = Type.String({ minLength: 8 });

/** The one configuration schema of the stack; services parse it once at start and pass it down. */
export const HotlineConfig = Type.Object({
  instance: Type.String({ minLength: 1 }),
  logLevel: Type.Union(
    [Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'), Type.Literal('debug'), Type.Literal('trace'), Type.Literal('silent')],
    { default: 'info' },
  ),
  http: Type.Object({ host: Type.String({ default: '127.0.0.1' }), port: Port }),
  ari: Type.Object({ url: Type.String({ pattern: '^https?://' }), username: Type.String(), password: Secret, app: Type.String() }),
  ami: Type.Object({ host: Type.String(), port: Port, username: Type.String(), secret: Secret }),
  redis: Type.Object({ host: Type.String(), port: Port, password: Secret }),
  postgres: Type.Object({ host: Type.String(), port: Port, database: Type.String(), user: Type.String(), password: Secret }),
  sip: Type.Object({
    host: Type.String(),
    port: Port,
    trunkAddress: Type.String(),
    /** host:port the callback trunk sends calls to (a SIP provider; in the demo and tests a local port). */
    callbackTrunk: Type.String({ pattern: '^[^\\s:]+:[0-9]{1,5}$' }),
  }),
  /**
   * What agents and supervisors on other machines reach. Empty `listen`: a loopback-only stack.
   * Otherwise the control service serves HTTPS on each listen address and desk phones register over
   * TLS on `sipTlsPort` (and over UDP on sip.port there only with `sipUdp`).
   */
  network: Type.Object(
    {
      listen: Type.Array(Type.String({ pattern: '^[0-9]{1,3}(\\.[0-9]{1,3}){3}$' }), { default: [], maxItems: 8 }),
      sipTlsPort: Type.Optional(Port),
      sipUdp: Type.Boolean({ default: false }),
    },
    { default: {} },
  ),
  /** The certificate agents see (PEM files); `caFile` when the stack made its own CA, for clients to trust. */
  tls: Type.Optional(Type.Object({ certFile: Type.String({ minLength: 1 }), keyFile: Type.String({ minLength: 1 }), caFile: Type.Optional(Type.String({ minLength: 1 })) })),
  auth: Type.Object({
    sessionSecret: Type.String({ minLength: 32 }),
    adminPassword: Secret,
    tokenTtlSecs: Type.Integer({ minimum: 60, default: 12 * 3600 }),
  }),
  paths: Type.Object({ state: Type.String(), asteriskRoot: Type.String(), chroot: Type.String() }),
  recordings: Type.Object({
    /** Where finished recordings are kept (Asterisk's spool is only where they are written). */
    dir: Type.String({ minLength: 1 }),
    retentionDays: Type.Integer({ minimum: 1, maximum: 3650, default: 180 }),
  }),
  /** The instance's fail2ban jail for SIP authentication failures; absent where a deployment bans by other means. */
  sipBan: Type.Optional(
    Type.Object({
      /** fail2ban-client -c: the folder holding the instance's fail2ban.conf. */
      fail2banConfig: Type.String({ minLength: 1 }),
      jail: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,40}$' }),
      maxRetry: Type.Integer({ minimum: 1, maximum: 100 }),
      findTimeSecs: Type.Integer({ minimum: 1 }),
      banTimeSecs: Type.Integer({ minimum: 1 }),
    }),
  ),
  /**
   * When the service is this far behind, a new caller is refused at once with a busy signal (and a
   * record) instead of being answered into a wait it cannot serve. Measured in bench/RESULTS.md.
   */
  admission: Type.Object(
    {
      /** The event loop late by this much at every tick for a second (one pause alone is not lag). */
      maxEventLoopLagMs: Type.Integer({ minimum: 1, default: 250 }),
      /** How long ARI requests take now: the median of the latest answers. */
      maxAriLatencyMs: Type.Integer({ minimum: 1, default: 1000 }),
      /** Callers arrived but not yet in line (being answered and greeted). */
      maxArriving: Type.Integer({ minimum: 1, default: 100 }),
    },
    { default: {} },
  ),
  /** Calls agents place (click-to-dial), through the callback trunk, only to numbers the plan allows. */
  outbound: Type.Object(
    {
      numberPlan: Type.Array(NumberPlanRule, { default: DEFAULT_NUMBER_PLAN, maxItems: 50 }),
      /** How long the customer's phone rings before the attempt is given up as unanswered. */
      ringSecs: Type.Integer({ minimum: 5, maximum: 120, default: 40 }),
    },
    { default: {} },
  ),
  supervision: Type.Object(
    {
      /** Play a short beep to the agent when a supervisor starts monitoring (some centres must tell staff). */
      beepOnMonitor: Type.Boolean({ default: false }),
    },
    { default: {} },
  ),
});
export type HotlineConfig = Static<typeof HotlineConfig>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Fills defaults and validates; the error names every offending field so start-up fails clearly. */
export function parseConfig(raw: unknown): HotlineConfig {
  const withDefaults = Value.Default(HotlineConfig, structuredClone(raw));
  const problems = new Map<string, string>();
  for (const e of Value.Errors(HotlineConfig, withDefaults)) if (!problems.has(e.path)) problems.set(e.path, `${e.path || '/'}: ${e.message}`);
  if (problems.size > 0) throw new ConfigError(`invalid configuration:\n  ${[...problems.values()].join('\n  ')}`);
  const config = withDefaults as HotlineConfig;
  for (const [i, rule] of config.outbound.numberPlan.entries()) {
    try {
      new RegExp(rule.pattern);
    } catch (error) {
      throw new ConfigError(`invalid configuration:\n  /outbound/numberPlan/${i}/pattern: ${(error as Error).message}`);
    }
  }
  if (config.network.listen.length > 0 && (!config.tls || config.network.sipTlsPort === undefined)) {
    throw new ConfigError('invalid configuration:\n  /tls: a stack listening on network.listen serves TLS only: tls and network.sipTlsPort are needed');
  }
  return config;
}

/**
 * The only reader of the environment: HOTLINE_CONFIG names the stack's JSON settings (written by
 * scripts/stack.sh), HOTLINE_HTTP_PORT and HOTLINE_LOG_LEVEL override single values.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): HotlineConfig {
  const file = env.HOTLINE_CONFIG;
  if (!file) throw new ConfigError('HOTLINE_CONFIG is not set (run the stack with npm start)');
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (env.HOTLINE_HTTP_PORT) raw.http = { ...(raw.http as object), port: Number(env.HOTLINE_HTTP_PORT) };
  if (env.HOTLINE_LOG_LEVEL) raw.logLevel = env.HOTLINE_LOG_LEVEL;
  return parseConfig(raw);
}
