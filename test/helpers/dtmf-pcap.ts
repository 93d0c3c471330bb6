import { writeFileSync } from 'node:fs';

const EVENTS: Record<string, number> = { '*': 10, '#': 11 };
let nextTimestamp = 1_000;

/**
 * A pcap of one RFC 4733 key press (payload type 101) for SIPp's play_pcap_audio. SIPp's own
 * captures all share one RTP timestamp, and a receiver treats a second event with the same
 * timestamp as the same key press, so each capture written here gets its own timestamp.
 */
export function writeDtmfPcap(file: string, key: string): void {
  const event = EVENTS[key] ?? Number(key);
  if (!Number.isInteger(event) || event < 0 || event > 11) throw new Error(`not a DTMF key: ${key}`);
  const timestamp = (nextTimestamp += 16_000);
  const packets: Buffer[] = [];
  // 8 packets 20 ms apart; the last three carry the end bit, as senders repeat it for safety.
  for (let i = 0; i < 8; i++) {
    const end = i >= 5;
    const duration = Math.min(i, 5) * 160 + 160;
    const rtp = Buffer.alloc(16);
    rtp[0] = 0x80;
    rtp[1] = (i === 0 ? 0x80 : 0) | 101; // marker on the first packet of the event
    rtp.writeUInt16BE((timestamp / 160 + i) & 0xffff, 2);
    rtp.writeUInt32BE(timestamp, 4);
    rtp.writeUInt32BE(0x484c4e45, 8);
    rtp[12] = event;
    rtp[13] = (end ? 0x80 : 0) | 10; // volume 10
    rtp.writeUInt16BE(duration, 14);
    packets.push(frame(rtp, i * 20_000));
  }
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65_535, 16);
  header.writeUInt32LE(1, 20); // Ethernet
  writeFileSync(file, Buffer.concat([header, ...packets]));
}

/** Ethernet + IPv4 + UDP around an RTP packet, with its pcap record header `usec` into the capture. */
function frame(rtp: Buffer, usec: number): Buffer {
  const udp = Buffer.alloc(8);
  udp.writeUInt16BE(6000, 0);
  udp.writeUInt16BE(6000, 2);
  udp.writeUInt16BE(8 + rtp.length, 4);
  const ip = Buffer.alloc(20);
  ip[0] = 0x45;
  ip.writeUInt16BE(20 + 8 + rtp.length, 2);
  ip[8] = 64;
  ip[9] = 17; // UDP
  ip.set([127, 0, 0, 1], 12);
  ip.set([127, 0, 0, 1], 16);
  const ethernet = Buffer.alloc(14);
  ethernet.writeUInt16BE(0x0800, 12);
  const packet = Buffer.concat([ethernet, ip, udp, rtp]);
  const record = Buffer.alloc(16);
  record.writeUInt32LE(Math.floor(usec / 1_000_000), 0);
  record.writeUInt32LE(usec % 1_000_000, 4);
  record.writeUInt32LE(packet.length, 8);
  record.writeUInt32LE(packet.length, 12);
  return Buffer.concat([record, packet]);
}
