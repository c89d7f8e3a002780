import {type ChildProcess, spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {chmod, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {createConnection, createServer} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {waitFor} from './database';

/** The pgbouncer binary, if installed (`scripts/install-test-tools.sh` installs it). */
export function findPgbouncer(): string | undefined {
  const candidates = [
    ...(process.env.PATH ?? '').split(':').map((folder) => path.join(folder, 'pgbouncer')),
    '/usr/sbin/pgbouncer',
    '/usr/local/bin/pgbouncer',
  ];
  return candidates.find((candidate) => existsSync(candidate));
}

/** A PgBouncer in transaction mode in front of one server, for the life of a test file. */
export type RunningPgbouncer = {
  port: number;
  urlFor: (database: string) => string;
  stop: () => Promise<void>;
};

/**
 * Starts PgBouncer (pool_mode=transaction, plain auth from a userlist written here) in front of
 * `server`. PgBouncer refuses to run as root, so under root it drops to the `postgres` user.
 */
export async function startPgbouncer(
  binary: string,
  server: {host: string; port: number; user: string; password: string},
): Promise<RunningPgbouncer> {
  const folder = await mkdtemp(path.join(tmpdir(), 'cockpit-pgbouncer-'));
  await chmod(folder, 0o755);
  const port = await freePort();
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  await writeFile(
    path.join(folder, 'userlist.txt'),
    `${quote(server.user)} ${quote(server.password)}\n`,
    {mode: 0o644},
  );
  await writeFile(
    path.join(folder, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${server.host} port=${server.port}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = plain',
      `auth_file = ${path.join(folder, 'userlist.txt')}`,
      'pool_mode = transaction',
      'default_pool_size = 4',
      'max_client_conn = 100',
      'ignore_startup_parameters = extra_float_digits,options',
      '',
    ].join('\n'),
    {mode: 0o644},
  );
  const runAs = process.getuid?.() === 0 ? ['-u', 'postgres'] : [];
  let output = '';
  const child: ChildProcess = spawn(binary, [...runAs, path.join(folder, 'pgbouncer.ini')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`pgbouncer exited: ${output}`);
      return canConnect(port);
    },
    {what: `pgbouncer listening on ${port}`, timeoutMs: 10_000},
  ).catch((error) => {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output}`);
  });
  return {
    port,
    urlFor: (database) =>
      `postgres://${encodeURIComponent(server.user)}:${encodeURIComponent(server.password)}@127.0.0.1:${port}/${database}?pgbouncer=true`,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
      await rm(folder, {recursive: true, force: true});
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({host: '127.0.0.1', port}, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
