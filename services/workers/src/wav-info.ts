/** Length of a RIFF/WAVE file from its header: the data chunk's size over the byte rate. */
export function wavDurationSecs(header: Buffer, fileSize: number): number | undefined {
  if (header.length < 12 || header.toString('ascii', 0, 4) !== 'RIFF' || header.toString('ascii', 8, 12) !== 'WAVE') return undefined;
  let byteRate: number | undefined;
  let offset = 12;
  while (offset + 8 <= header.length) {
    const id = header.toString('ascii', offset, offset + 4);
    const size = header.readUInt32LE(offset + 4);
    if (id === 'fmt ' && offset + 16 <= header.length) byteRate = header.readUInt32LE(offset + 8 + 8);
    if (id === 'data') {
      if (!byteRate) return undefined;
      // A recording cut short (Asterisk stopped mid-write) may claim more data than the file holds.
      const available = Math.max(0, fileSize - (offset + 8));
      return Math.min(size, available) / byteRate;
    }
    offset += 8 + size + (size % 2);
  }
  return undefined;
}
