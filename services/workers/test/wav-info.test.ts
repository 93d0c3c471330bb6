import t from 'tap';
import { wavDurationSecs } from '../src/wav-info.js';

/** A 16-bit mono WAV header as Asterisk writes it, for `dataBytes` of audio at `rate` Hz. */
function header(dataBytes: number, rate = 8000, extraChunk = false): Buffer {
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'ascii');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8);
  fmt.writeUInt16LE(1, 10);
  fmt.writeUInt32LE(rate, 12);
  fmt.writeUInt32LE(rate * 2, 16);
  fmt.writeUInt16LE(2, 20);
  fmt.writeUInt16LE(16, 22);
  const list = Buffer.alloc(extraChunk ? 13 + 1 : 0);
  if (extraChunk) {
    list.write('LIST', 0, 'ascii');
    list.writeUInt32LE(5, 4); // odd size: padded to an even boundary
  }
  const data = Buffer.alloc(8);
  data.write('data', 0, 'ascii');
  data.writeUInt32LE(dataBytes, 4);
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'ascii');
  riff.writeUInt32LE(4 + fmt.length + list.length + data.length + dataBytes, 4);
  riff.write('WAVE', 8, 'ascii');
  return Buffer.concat([riff, fmt, list, data]);
}

t.test('duration is the data size over the byte rate', async (t) => {
  const h = header(16_000 * 3);
  t.equal(wavDurationSecs(h, h.length + 16_000 * 3), 3);
  const h16 = header(32_000 * 2, 16_000);
  t.equal(wavDurationSecs(h16, h16.length + 64_000), 2);
});

t.test('chunks before the data are skipped, odd sizes padded', async (t) => {
  const h = header(8_000, 8000, true);
  t.equal(wavDurationSecs(h, h.length + 8_000), 0.5);
});

t.test('a truncated file counts only the audio it holds', async (t) => {
  const h = header(16_000 * 10);
  t.equal(wavDurationSecs(h, h.length + 16_000), 1);
});

t.test('anything that is not a WAV has no duration', async (t) => {
  t.equal(wavDurationSecs(Buffer.from('ID3 not a wave file at all'), 100), undefined);
  t.equal(wavDurationSecs(Buffer.alloc(4), 4), undefined);
  const noFmt = header(100).subarray(0, 12);
  t.equal(wavDurationSecs(Buffer.concat([noFmt, Buffer.from('data\x10\x00\x00\x00')]), 40), undefined);
});
