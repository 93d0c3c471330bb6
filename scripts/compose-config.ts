// docker compose: writes the services' settings file from the compose environment (see docker-compose.yml).
import { writeFileSync } from 'node:fs';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (see docker-compose.yml)`);
  return value;
};
const port = (name: string) => Number(env(name));
const settings = {
  instance: 'compose',
  http: { host: '127.0.0.1', port: port('CONTROL_PORT') },
  ari: { url: `http://127.0.0.1:${env('ARI_PORT')}`, username: 'hotline', password: env('ARI_PASSWORD'), app: 'hotline' },
  ami: { host: '127.0.0.1', port: port('AMI_PORT'), username: 'hotline', secret: env('AMI_SECRET') },
  redis: { host: '127.0.0.1', port: port('REDIS_PORT'), password: env('REDIS_PASSWORD') },
  postgres: { host: '127.0.0.1', port: port('PG_PORT'), database: 'hotline', user: 'hotline', password: env('PG_PASSWORD') },
  sip: { host: '127.0.0.1', port: port('SIP_PORT'), trunkAddress: env('TRUNK_MATCH'), callbackTrunk: process.env.CALLBACK_TRUNK ?? '127.0.0.1:5061' },
  auth: { sessionSecret: env('SESSION_SECRET'), adminPassword: env('ADMIN_PASSWORD') },
  paths: { state: '/state', asteriskRoot: '/var/lib/hotline/compose', chroot: '/' },
  recordings: { dir: '/state/recordings', retentionDays: 180 },
};
writeFileSync('/state/hotline.json', JSON.stringify(settings, null, 2), { mode: 0o600 });
