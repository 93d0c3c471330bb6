import { writeFileSync } from 'node:fs';

const RATE = 8000;

/** G.711 µ-law of one 16-bit linear sample (ITU-T G.711, the segment encoding). */
function ulaw(sample: number): number {
  const BIAS = 0x84;
  const sign = sample < 0 ? 0x80 : 0;
  const magnitude = Math.min(Math.abs(sample), 32635) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/**
 * Four seconds of something voice-like for the load's callers and agents to send as RTP (SIPp's
 * rtp_stream sends the file's bytes as they are: raw µ-law, 160 bytes per 20 ms): a 140 Hz voice
 * with harmonics, in syllables of a quarter second and a pause between phrases. What matters is
 * that real frames flow both ways for the whole call, as they do on a real line.
 */
export function writeVoiceFile(path: string): void {
  const samples = 4 * RATE;
  const bytes = Buffer.alloc(samples);
  for (let i = 0; i < samples; i++) {
    const t = i / RATE;
    const syllable = Math.max(0, Math.sin(Math.PI * 4 * t)) * (t % 4 < 3.4 ? 1 : 0);
    const voice = [1, 0.6, 0.4, 0.25].reduce((sum, weight, h) => sum + weight * Math.sin(2 * Math.PI * 140 * (h + 1) * t), 0);
    bytes[i] = ulaw(Math.round(6000 * syllable * voice));
  }
  writeFileSync(path, bytes);
}
