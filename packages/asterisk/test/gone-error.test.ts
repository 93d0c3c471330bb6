import t from 'tap';
import { isGoneError } from '../src/ari.js';

t.test("Asterisk's answers for things already gone are expected races", async (t) => {
  for (const message of ['Channel not found', 'Bridge not found', 'Playback not found', 'Recording not found']) t.equal(isGoneError(new Error(message)), true, message);
  for (const error of [new Error('Allocation failed'), new Error('ARI is not connected'), 'Channel not found', undefined]) t.equal(isGoneError(error), false, String(error));
});
