import { readFileSync } from 'node:fs';
import { ConfigError, parseConfig, type HotlineConfig } from './config.js';

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
