import {createHook} from 'node:async_hooks';
import {afterAll, describe, expect, it} from 'vitest';
import {backoffDelay} from '../../source/sources/backoff';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {type LifelineStatus, PostgresLifeline} from '../../source/sources/postgres-lifeline';
import {createTestDatabase, waitFor} from '../helpers/database';

const database = await createTestDatabase();

describe('backoffDelay', () => {
  it('doubles from the initial delay, is capped, and jitters within the upper half', () => {
    const policy = {initialMs: 500, maxMs: 30_000};
    expect(backoffDelay(policy, 1, () => 1)).toBe(500);
    expect(backoffDelay(policy, 1, () => 0)).toBe(250);
    expect(backoffDelay(policy, 4, () => 1)).toBe(4000);
    expect(backoffDelay(policy, 20, () => 1)).toBe(30_000);
    expect(backoffDelay(policy, 20, () => 0)).toBe(15_000);
  });
});

describe('PostgresLifeline', () => {
  const lifeline = new PostgresLifeline(parseConnectionTarget(database.url), {
    backoff: {initialMs: 50, maxMs: 200},
  });
  const statuses: LifelineStatus[] = [];
  lifeline.subscribe((status) => statuses.push(status));
  lifeline.start();
  afterAll(() => lifeline.close());

  it('names itself and sets read-only, statement and lock timeouts on its session', async () => {
    await lifeline.waitUntilConnected(10_000);
    const [row] = await database.query<{application_name: string}>(
      `SELECT application_name FROM pg_stat_activity WHERE application_name = 'incident-cockpit' AND datname = current_database()`,
    );
    expect(row?.application_name).toBe('incident-cockpit');
    const settings = await lifeline.read<{
      read_only: string;
      statement_timeout: string;
      lock_timeout: string;
      jit: string;
    }>(
      `SELECT current_setting('transaction_read_only') AS read_only, current_setting('statement_timeout') AS statement_timeout, current_setting('lock_timeout') AS lock_timeout, current_setting('jit') AS jit`,
    );
    expect(settings.rows[0]).toEqual({
      read_only: 'on',
      statement_timeout: '5s',
      lock_timeout: '1s',
      jit: 'off',
    });
  });

  it('reports a statement timeout in words and stays usable', async () => {
    await expect(lifeline.read('SELECT pg_sleep(2)', {statementTimeoutMs: 50})).rejects.toThrow(
      'query cancelled: statement_timeout reached',
    );
    await expect(lifeline.read('SELECT 1 AS one')).resolves.toMatchObject({rows: [{one: 1}]});
  });

  it('reconnects by itself when its backend is terminated', async () => {
    await lifeline.waitUntilConnected(10_000);
    await database.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'incident-cockpit' AND datname = current_database()`,
    );
    await waitFor(() => statuses.some((status) => status.kind === 'reconnecting'), {
      what: 'reconnecting status',
    });
    await waitFor(() => lifeline.status.kind === 'connected', {what: 'reconnected'});
    await expect(lifeline.read('SELECT 1 AS one')).resolves.toMatchObject({rows: [{one: 1}]});
  });

  it('calls a slow statement stalled once it is unanswered past the stall limit, and connected when answered', async () => {
    await lifeline.waitUntilConnected(10_000);
    lifeline.setStallAfter(300);
    try {
      const from = statuses.length;
      await lifeline.read('SELECT pg_sleep(1.2)');
      expect(statuses.slice(from).map((status) => status.kind)).toEqual(['stalled', 'connected']);
    } finally {
      lifeline.setStallAfter(4000);
    }
  });

  it('wakes no timer of its own while its statements are answered', async () => {
    // Timers set by a lifeline started here (or its driver), told apart from the test runner's
    // by who set them.
    const ours = new Set<number>();
    let fired = 0;
    const hook = createHook({
      init: (asyncId, type) => {
        if (
          type === 'Timeout' &&
          /sources\/postgres-lifeline\.ts|node_modules\/pg\//.test(new Error().stack ?? '')
        )
          ours.add(asyncId);
      },
      before: (asyncId) => {
        if (ours.has(asyncId)) fired += 1;
      },
    });
    hook.enable();
    const watched = new PostgresLifeline(parseConnectionTarget(database.url));
    try {
      watched.start();
      await watched.waitUntilConnected(10_000);
      fired = 0;
      const until = performance.now() + 1000;
      let statements = 0;
      while (performance.now() < until) {
        await watched.read('SELECT 1');
        statements += 1;
      }
      expect(statements).toBeGreaterThan(10);
      expect(fired).toBe(0);
    } finally {
      hook.disable();
      await watched.close();
    }
  });

  it('previews a write in a transaction that is always rolled back', async () => {
    await database.query('CREATE TABLE preview_target (id int)');
    const [result] = await lifeline.transaction(
      ['INSERT INTO preview_target SELECT generate_series(1, 5)'],
      {readOnly: false, rollback: true},
    );
    expect(result?.rowCount).toBe(5);
    expect(await database.query('SELECT count(*)::int AS n FROM preview_target')).toEqual([{n: 0}]);
  });

  it('never puts the password of a failing URL into its status', async () => {
    const unreachable = new PostgresLifeline(
      parseConnectionTarget('postgres://user:hunter2-secret@127.0.0.1:9/db'),
      {backoff: {initialMs: 1000, maxMs: 1000}},
    );
    unreachable.start();
    await waitFor(() => unreachable.status.kind === 'reconnecting');
    const status = unreachable.status as Extract<LifelineStatus, {kind: 'reconnecting'}>;
    expect(status.lastError).toMatch(/connection refused/);
    expect(JSON.stringify(status)).not.toContain('hunter2');
    await unreachable.close();
  });
});

describe('PostgresLifeline on a network that goes silent', () => {
  it('gives up on the connection after the query timeout and reconnects', async () => {
    const {createServer, connect} = await import('node:net');
    const target = new URL(database.url);
    let silent = false;
    const sockets: Array<import('node:net').Socket> = [];
    // A proxy that can stop forwarding, as a dead NAT entry does: nothing errors, nothing arrives.
    const proxy = createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname);
      sockets.push(client, upstream);
      client.on('data', (chunk) => !silent && upstream.write(chunk));
      upstream.on('data', (chunk) => !silent && client.write(chunk));
      client.on('error', () => undefined);
      upstream.on('error', () => undefined);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as {port: number}).port;
    const viaProxy = new URL(database.url);
    viaProxy.port = String(port);
    const lifeline = new PostgresLifeline(parseConnectionTarget(viaProxy.toString()), {
      statementTimeoutMs: 100,
      backoff: {initialMs: 50, maxMs: 100},
    });
    lifeline.start();
    await lifeline.waitUntilConnected(10_000);
    silent = true;
    await expect(lifeline.read('SELECT 1')).rejects.toThrow(/timeout/i);
    expect(lifeline.status.kind).not.toBe('connected');
    silent = false;
    await waitFor(() => lifeline.status.kind === 'connected', {
      what: 'reconnected',
      timeoutMs: 15_000,
    });
    await expect(lifeline.read('SELECT 1 AS one')).resolves.toMatchObject({rows: [{one: 1}]});
    await lifeline.close();
    for (const socket of sockets) socket.destroy();
    proxy.close();
  });

  it('runs a statement that ends in a comment', async () => {
    const lifeline = new PostgresLifeline(parseConnectionTarget(database.url));
    lifeline.start();
    await lifeline.waitUntilConnected(10_000);
    await expect(lifeline.read('SELECT 1 AS one -- a trailing comment')).resolves.toMatchObject({
      rows: [{one: 1}],
    });
    await lifeline.close();
  });

  it('turns an unreadable SSL file into a reconnect reason, not a crash', async () => {
    const url = new URL(database.url);
    url.searchParams.set('sslrootcert', '/nonexistent/root.crt');
    url.searchParams.set('sslmode', 'verify-full');
    const lifeline = new PostgresLifeline(parseConnectionTarget(url.toString()), {
      backoff: {initialMs: 1000, maxMs: 1000},
    });
    lifeline.start();
    await waitFor(() => lifeline.status.kind === 'reconnecting', {what: 'reconnecting'});
    expect((lifeline.status as {lastError: string}).lastError).toMatch(/ENOENT|no such file/);
    await lifeline.close();
  });
});
