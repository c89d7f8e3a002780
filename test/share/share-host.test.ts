import {afterEach, describe, expect, it} from 'vitest';
import {shareProtocolVersion} from '../../source/share/protocol';
import {ShareClient} from '../../source/share/share-client';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {rawPeer, startTestHost, type TestHost, waitFor} from './share-harness';

let running: TestHost | undefined;
const clients: ShareClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.stop();
  await running?.stop();
  running = undefined;
});

const hello = (token: string, protocol = shareProtocolVersion) =>
  JSON.stringify({type: 'hello', protocol, token, name: 'raw'});

function viewerOf(url: string, token: string, name = 'alice') {
  const store = createCockpitStore({databaseLabel: 'viewer'});
  const client = new ShareClient({url, token, name, store});
  clients.push(client);
  return {store, client};
}

describe('share host', () => {
  it('refuses a wrong or a missing token with a clear reason and counts it', async () => {
    running = await startTestHost();
    for (const token of ['wrong-token-wrong-token', '']) {
      const {client} = viewerOf(running.url, token);
      await expect(client.start()).rejects.toThrow(/wrong or missing share token/);
    }
    await waitFor(() => running!.store.getState().share.host?.refused === 2, 'refusals counted');
    expect(running.host.attachedCount()).toBe(0);
  });

  it('tells a viewer of another protocol version so, in words', async () => {
    running = await startTestHost();
    const peer = await rawPeer(running.url);
    peer.send(hello(running.token, shareProtocolVersion + 1));
    const closed = await peer.closed;
    expect(closed.code).toBe(4002);
    const bye = JSON.parse(peer.frames.at(-1)!);
    expect(bye).toMatchObject({type: 'bye', reason: 'incompatible'});
    expect(bye.message).toContain(`version ${shareProtocolVersion}`);
  });

  it('sends a snapshot, then patches that keep the viewer equal to the host', async () => {
    running = await startTestHost();
    const {store, client} = viewerOf(running.url, running.token);
    await client.start();
    expect(running.host.attachedCount()).toBe(1);
    running.store.getState().setAlerts([
      {
        ruleId: 'connections.saturation',
        level: 'critical',
        title: 'pool full',
        detail: '',
        since: 1,
      },
    ]);
    running.store.getState().pushSamples(1000, {'connections.total': 12});
    await waitFor(() => store.getState().alerts.length === 1, 'the alert on the viewer');
    await waitFor(() => store.getState().history['connections.total']?.length === 1, 'history');
    expect(store.getState().alerts[0]!.title).toBe('pool full');
    expect(running.recorded.map((event) => event.kind)).toEqual(['viewer.joined']);
  });

  it('ignores garbage, binary, unknown and oversized messages and keeps serving the others', async () => {
    running = await startTestHost();
    const {store, client} = viewerOf(running.url, running.token, 'steady');
    await client.start();
    const noisy = await rawPeer(running.url);
    noisy.send(hello(running.token));
    await waitFor(() => noisy.frames.length > 0, 'noisy welcome');
    noisy.send('not json at all {');
    noisy.send(Buffer.from([0, 1, 2, 3, 255]));
    noisy.send(JSON.stringify({type: 'terminate', pid: 1}));
    noisy.send(JSON.stringify({type: 'hello', protocol: 1, token: running.token, name: 'again'}));
    const oversized = await rawPeer(running.url);
    oversized.send('x'.repeat(70 * 1024));
    expect((await oversized.closed).code).toBe(1009);
    running.store
      .getState()
      .setAlerts([
        {ruleId: 'locks.blocked', level: 'warning', title: 'still served', detail: '', since: 2},
      ]);
    await waitFor(() => store.getState().alerts[0]?.title === 'still served', 'steady viewer');
    await waitFor(() => (running!.store.getState().share.host?.refused ?? 0) >= 4, 'refusals');
    expect(noisy.socket.readyState).toBe(noisy.socket.OPEN);
  });

  it('drops a flood from one client while another keeps receiving', async () => {
    running = await startTestHost({limits: {floodLimit: 200}});
    const {store, client} = viewerOf(running.url, running.token, 'steady');
    await client.start();
    const flood = await rawPeer(running.url);
    flood.send(hello(running.token));
    for (let index = 0; index < 2000; index += 1)
      flood.send(JSON.stringify({type: 'ping', at: index}));
    // Closed with 4005, or cut at once when its own flood hides the close frame.
    expect([4005, 1006]).toContain((await flood.closed).code);
    expect(running.host.attachedCount()).toBe(1);
    running.store
      .getState()
      .setAlerts([{ruleId: 'x', level: 'warning', title: 'after the flood', detail: '', since: 3}]);
    await waitFor(() => store.getState().alerts[0]?.title === 'after the flood', 'steady viewer');
  });

  it('closes a connection that never says hello, and a half-open one that stops answering', async () => {
    running = await startTestHost({
      limits: {helloTimeoutMs: 300, heartbeatMs: 200, deadAfterMs: 800},
    });
    const silent = await rawPeer(running.url);
    await silent.closed;
    const mute = await rawPeer(running.url);
    mute.send(hello(running.token));
    await waitFor(() => running!.host.attachedCount() === 1, 'mute attached');
    // Stop answering pings: the socket stays open but nothing comes back, like a dead peer.
    mute.socket.pause();
    await waitFor(() => running!.host.attachedCount() === 0, 'half-open peer dropped');
    expect(running.recorded.map((event) => event.kind)).toEqual(['viewer.joined', 'viewer.left']);
  });

  it('a viewer says reconnecting while the host is gone, then resyncs from a fresh snapshot', async () => {
    running = await startTestHost();
    const port = Number(new URL(running.url).port);
    const store = createCockpitStore({databaseLabel: 'viewer'});
    const client = new ShareClient({
      url: running.url,
      token: running.token,
      name: 'patient',
      store,
      backoff: {initialMs: 100, maxMs: 400},
    });
    clients.push(client);
    await client.start();
    await running.stop();
    await waitFor(
      () => store.getState().share.viewer?.feed.kind === 'reconnecting',
      'reconnecting',
    );
    const restarted = createCockpitStore({databaseLabel: 'app'});
    restarted
      .getState()
      .setAlerts([
        {ruleId: 'r', level: 'critical', title: 'after the restart', detail: '', since: 9},
      ]);
    running = await startTestHost({store: restarted, port});
    await waitFor(() => store.getState().share.viewer?.feed.kind === 'live', 'live again');
    expect(store.getState().alerts[0]?.title).toBe('after the restart');
    expect(client.received.snapshots).toBe(2);
  });

  it('refuses viewers beyond the maximum', async () => {
    running = await startTestHost({limits: {maxViewers: 2}});
    await viewerOf(running.url, running.token, 'one').client.start();
    await viewerOf(running.url, running.token, 'two').client.start();
    await expect(viewerOf(running.url, running.token, 'three').client.start()).rejects.toThrow(
      /allows 2 viewers/,
    );
  });

  it('records a viewer note only under --share-notes, attributed to the viewer', async () => {
    running = await startTestHost({notes: true});
    const {client} = viewerOf(running.url, running.token, 'bob');
    await client.start();
    expect(client.sendNote('customer confirms checkout works')).toBe(true);
    await waitFor(() => running!.recorded.some((event) => event.kind === 'note'), 'note');
    const note = running.recorded.find((event) => event.kind === 'note')!;
    expect(note.text).toBe('customer confirms checkout works');
    expect(note.actor).toBe('viewer bob');
  });
});
