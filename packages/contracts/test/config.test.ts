import t from 'tap';
import { parseConfig } from '../src/config.js';

const valid = {
  instance: 'test',
  http: { port: 7580 },
  ari: { url: 'http://127.0.0.1:7588', username: 'hotline', password: 'secret-ari', app: 'hotline' },
  ami: { host: '127.0.0.1', port: 7538, username: 'hotline', secret: 'secret-ami' },
  redis: { host: '127.0.0.1', port: 7579, password: 'secret-redis' },
  postgres: { host: '127.0.0.1', port: 7532, database: 'hotline', user: 'hotline', password: 'secret-pg' },
  sip: { host: '127.0.0.1', port: 7560, trunkAddress: '127.0.0.2', callbackTrunk: '127.0.0.1:7561' },
  auth: { sessionSecret: 's'.repeat(32), adminPassword: 'admin-password' },
  paths: { state: '/tmp/state', asteriskRoot: '/tmp/ast', chroot: '/tmp/chroot' },
  recordings: { dir: '/tmp/state/recordings' },
};

t.test('defaults are filled in', async (t) => {
  const config = parseConfig(valid);
  t.equal(config.logLevel, 'info');
  t.equal(config.http.host, '127.0.0.1');
  t.equal(config.auth.tokenTtlSecs, 43_200);
  t.equal(config.recordings.retentionDays, 180);
  t.equal(config.supervision.beepOnMonitor, false);
});

t.test('every bad field is named', async (t) => {
  const bad = { ...valid, http: { port: 70_000 }, ami: { ...valid.ami, secret: 'short' }, auth: { adminPassword: 'admin-password' } };
  t.throws(() => parseConfig(bad), { name: 'ConfigError' });
  try {
    parseConfig(bad);
  } catch (error) {
    const message = (error as Error).message;
    t.match(message, /\/http\/port/);
    t.match(message, /\/ami\/secret/);
    t.match(message, /\/auth\/sessionSecret/);
  }
});

t.test('the input is not modified', async (t) => {
  const input = structuredClone(valid);
  parseConfig(input);
  t.same(input, valid);
});

t.test('a stack that agents reach over the network must serve TLS', async (t) => {
  t.same(parseConfig(valid).network, { listen: [], sipUdp: false }, 'loopback only by default');
  t.throws(() => parseConfig({ ...valid, network: { listen: ['192.0.2.10'] } }), /tls and network.sipTlsPort are needed/);
  t.throws(() => parseConfig({ ...valid, network: { listen: ['not-an-address'] } }), /\/network\/listen\/0/);
  const remote = parseConfig({ ...valid, network: { listen: ['192.0.2.10'], sipTlsPort: 7562 }, tls: { certFile: '/s/server.crt', keyFile: '/s/server.key' } });
  t.same(remote.network.listen, ['192.0.2.10']);
});
