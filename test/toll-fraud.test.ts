import t from 'tap';
import { createPool } from '@hotline/db';
import { seedTestData, startControl, testConfig } from './helpers/stack.js';
import { killAllSipp, sippCaller } from './helpers/sipp.js';

// Nobody places an outbound call through Hotline: not a stranger on the network, not the trunk.
const config = testConfig();
await seedTestData(config);
const app = await startControl(config);
const pool = createPool(config.postgres, 2);
t.teardown(async () => {
  killAllSipp();
  await pool.end();
  await app.close();
});
const OUTSIDE = '00442071838750';
const channelsNow = async () => (await app.ari.listChannels()).length;
const callsFrom = async (number: string) => Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM calls WHERE customer_number = $1', [number])).rows[0]?.n);

t.test('an unauthenticated peer cannot reach anything, not even a queue', async (t) => {
  const before = await channelsNow();
  for (const number of [OUTSIDE, '7000']) {
    const result = await sippCaller(config, '5550666', '127.0.0.3').call(number, 1000).done;
    t.not(result.code, 0, `INVITE to ${number} from an unknown address is refused (challenged, never answered)`);
  }
  t.equal(await channelsNow(), before, 'no channel was ever created for it');
  t.equal(await callsFrom('5550666'), 0);
});

t.test('the trunk reaches only the inbound numbers: an outside number is refused, nothing is dialled', async (t) => {
  const before = await channelsNow();
  const result = await sippCaller(config, '5550667').call(OUTSIDE, 1000).done;
  t.not(result.code, 0, 'the call is refused, never answered');
  t.equal(await channelsNow(), before, 'no outbound channel exists');
  t.equal(await callsFrom('5550667'), 0);
});

t.test('the address callbacks are sent to cannot call in or out through the callback trunk', async (t) => {
  const before = await channelsNow();
  const [host = ''] = config.sip.callbackTrunk.split(':');
  for (const number of [OUTSIDE, '7000']) {
    const result = await sippCaller(config, '5550668', host).call(number, 1000).done;
    t.not(result.code, 0, `INVITE to ${number} from ${host} is refused (the callback trunk is matched to nobody)`);
  }
  t.equal(await channelsNow(), before, 'no channel was created');
  t.equal(await callsFrom('5550668'), 0);
});

t.test('a peer naming a trunk as its From user is challenged, never taken for that trunk', async (t) => {
  const before = await channelsNow();
  for (const user of ['trunk', 'callback-trunk']) {
    const result = await sippCaller(config, user, '127.0.0.5').challenged('7000').done;
    t.equal(result.code, 0, `INVITE from 127.0.0.5 with From user "${user}" gets 401, not a call`);
  }
  t.equal(await channelsNow(), before, 'no channel was created');
});
