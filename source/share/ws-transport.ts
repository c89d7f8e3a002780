import type {IncomingMessage} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {WebSocket, WebSocketServer} from 'ws';
import {maxViewerMessageBytes} from './protocol';
import {type ShareAddress, urlHostOf} from './share-address';
import type {HostConnector, HostLink, IncomingFrame, ShareTransport, ViewerLink} from './transport';

/** Options of the ws server. */
export type WsTransportOptions = ShareAddress & {
  /** Sockets open at once, joined or not; more are refused at the upgrade. */
  maxConnections: number;
};

// ws brings http, https, tls and zlib with it, a tenth of the cockpit's start-up; it is loaded
// when a share starts or a viewer joins, not by every launch.
const loadWs = () => import('ws');

/** The share server on a ws WebSocketServer: the bastion's own listener. */
export function createWsShareTransport(options: WsTransportOptions): ShareTransport {
  let server: WebSocketServer | undefined;
  let open = 0;
  let refused = 0;
  return {
    start: async (onViewer) => {
      const {WebSocketServer} = await loadWs();
      await new Promise<void>((resolve, reject) => {
        const wss = new WebSocketServer({
          host: options.host,
          port: options.port,
          maxPayload: maxViewerMessageBytes,
          perMessageDeflate: false,
          clientTracking: false,
        });
        server = wss;
        wss.once('listening', () => {
          wss.removeListener('error', reject);
          wss.on('error', () => undefined);
          resolve();
        });
        wss.once('error', reject);
        wss.on('connection', (socket, request) => {
          if (open >= options.maxConnections) {
            refused += 1;
            socket.close(4003, 'too many connections');
            return;
          }
          open += 1;
          socket.once('close', () => {
            open -= 1;
          });
          onViewer(viewerLinkOf(socket, request));
        });
      });
    },
    url: () => {
      const address = server?.address() as AddressInfo | undefined;
      return `ws://${urlHostOf(options.host)}:${address?.port ?? options.port}`;
    },
    refusedConnections: () => refused,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
      }),
  };
}

function viewerLinkOf(socket: WebSocket, request: IncomingMessage): ViewerLink {
  const remote = request.socket;
  const address = remote.remoteAddress
    ? `${remote.remoteAddress.replace(/^::ffff:/, '')}:${remote.remotePort}`
    : 'unknown';
  // Oversized frames and protocol violations surface here; ws then closes the socket itself.
  socket.on('error', () => undefined);
  const send = (frame: string) => {
    if (socket.readyState === socket.OPEN) socket.send(frame);
  };
  return {
    address,
    backlogBytes: () => socket.bufferedAmount,
    sendSnapshot: send,
    sendPatch: send,
    sendControl: send,
    receive: (handler) =>
      socket.on('message', (data, isBinary) => {
        const bytes = Array.isArray(data)
          ? data.reduce((sum, part) => sum + part.length, 0)
          : (data as Buffer | ArrayBuffer).byteLength;
        const frame: IncomingFrame = isBinary
          ? {kind: 'binary', bytes}
          : {kind: 'text', text: data.toString()};
        handler(frame);
      }),
    onClose: (handler) => socket.once('close', handler),
    close: (code, reason) => socket.close(code, reason),
    terminate: () => socket.terminate(),
  };
}

/** Connects to a host's ws server. */
export const connectWsHost: HostConnector = async (url) => {
  const {WebSocket} = await loadWs();
  return new Promise<HostLink>((resolve, reject) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(url, {perMessageDeflate: false, handshakeTimeout: 10_000});
    } catch (error) {
      reject(new Error(`not a ws:// URL (${(error as Error).message})`));
      return;
    }
    const fail = (error: Error) => reject(new Error(describeSocketError(error)));
    socket.once('error', fail);
    socket.once('open', () => {
      socket.removeListener('error', fail);
      socket.on('error', () => undefined);
      resolve({
        send: (frame) => {
          if (socket.readyState === socket.OPEN) socket.send(frame);
        },
        receive: (handler) =>
          socket.on('message', (data, isBinary) =>
            handler(isBinary ? {kind: 'binary', bytes: 0} : {kind: 'text', text: data.toString()}),
          ),
        onClose: (handler) =>
          socket.once('close', (code, reason) => handler(code, reason.toString())),
        close: (code, reason) => socket.close(code, reason),
      });
    });
  });
};

function describeSocketError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'connection refused (is the host sharing on that port?)';
  if (code === 'ENOTFOUND') return 'unknown host name';
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH') return 'host unreachable';
  return error.message;
}
