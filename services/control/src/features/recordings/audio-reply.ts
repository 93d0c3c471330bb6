import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { parseByteRange, type ByteRange } from './byte-range.js';

/** The WAV bytes, streamed; documented as binary. */
export const Audio = Type.Unsafe<ReadStream>({ type: 'string', format: 'binary' });

/**
 * Streams a stored WAV file, whole or the byte range asked for (so an <audio> element can seek),
 * or as a download. `audit` runs once the request is known to be served, with the range served.
 */
export async function sendAudio(
  reply: FastifyReply,
  file: { path: string; name: string; rangeHeader: string | undefined; download: boolean },
  audit: (range: ByteRange | undefined) => Promise<void>,
): Promise<FastifyReply> {
  const { size } = await stat(file.path);
  const range = parseByteRange(file.rangeHeader, size);
  if (range === 'unsatisfiable') {
    return reply.code(416).header('content-range', `bytes */${size}`).send({ statusCode: 416, error: 'Range Not Satisfiable', message: `the file has ${size} bytes` });
  }
  await audit(range);
  reply.header('accept-ranges', 'bytes').type('audio/wav');
  if (file.download) reply.header('content-disposition', `attachment; filename="${file.name}.wav"`);
  if (!range) return reply.header('content-length', size).send(createReadStream(file.path));
  return reply
    .code(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
    .header('content-length', range.end - range.start + 1)
    .send(createReadStream(file.path, { start: range.start, end: range.end }));
}
