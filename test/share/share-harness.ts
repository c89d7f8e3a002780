import WebSocket from 'ws';
import {ShareHost} from '../../source/share/share-host';
import type {ShareLimits} from '../../source/share/share-limits';
import {createWsShareTransport} from '../../source/share/ws-transport';
import {type CockpitStore, createCockpitStore} from '../../source/store/cockpit-store';
import type {TimelineEventInput} from '../../source/timeline/timeline-sink';

/** A sharing host on a real ws server on a free loopback port. */
export type TestHost = {
  store: CockpitStore;
  host: ShareHost;
  url: string;
  token: string;
  recorded: TimelineEventInput[];
  stop: () => Promise<void>;
};

/** Starts a host around a fresh store (or the given one). */
export async function startTestHost(
  options: {
    store?: CockpitStore;
    limits?: Partial<ShareLimits>;
    notes?: boolean;
    knownSecrets?: string[];
    mask?: boolean;
    port?: number;
  } = {},
): Promise<TestHost> {
  const store = options.store ?? createCockpitStore({databaseLabel: 'app@db.internal:5432/app'});
  const token = 'test-token-0123456789abcdef';
  const recorded: TimelineEventInput[] = [];
  const maxViewers = options.limits?.maxViewers ?? 20;
  const host = new ShareHost({
    store,
    transport: createWsShareTransport({
      host: '127.0.0.1',
      port: options.port ?? 0,
      maxConnections: maxViewers * 2 + 10,
    }),
    token,
    cleaning: {knownSecrets: options.knownSecrets ?? [], maskCustomerData: options.mask ?? false},
    info: {host: 'bastion-test', database: 'app@db.internal:5432/app'},
    notes: options.notes ?? false,
    record: async (event) => {
      recorded.push(event);
    },
    joinCommand: (url) => `cockpit join ${url} --token ${token}`,
    limits: options.limits,
  });
  const url = await host.start();
  return {store, host, url, token, recorded, stop: () => host.stop()};
}

/** A raw ws client that records every frame it receives, for tests that misbehave on purpose. */
export type RawPeer = {
  socket: WebSocket;
  frames: string[];
  closed: Promise<{code: number; reason: string}>;
  send: (data: string | Buffer) => void;
};

/** Opens a raw connection to a host. */
export async function rawPeer(url: string): Promise<RawPeer> {
  const socket = new WebSocket(url);
  const frames: string[] = [];
  socket.on('message', (data) => frames.push(data.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<{code: number; reason: string}>((resolve) =>
    socket.once('close', (code, reason) => resolve({code, reason: reason.toString()})),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {socket, frames, closed, send: (data) => socket.send(data)};
}

/** Waits until `condition` holds, polling; fails with `what` after the deadline. */
export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
