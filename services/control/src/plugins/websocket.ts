import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';

/** A browser's WebRTC INVITE with its SDP runs to several KiB; nothing a client sends is larger. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/** Websockets for the live stream and the browser softphone's SIP; JsSIP asks for the "sip" subprotocol. */
export default fp(
  async (app) => {
    await app.register(websocket, {
      options: { maxPayload: MAX_MESSAGE_BYTES, handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false) },
    });
  },
  { name: 'websocket' },
);
