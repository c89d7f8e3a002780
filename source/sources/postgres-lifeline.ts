import pg from 'pg';
import {redactSecrets, secretsOfConnectionString} from '../text/redact-secrets';
import {type BackoffPolicy, backoffDelay} from './backoff';
import type {ConnectionTarget} from './connection-target';

/** What the lifeline is doing now; the header shows it in words. */
export type LifelineStatus =
  | {kind: 'connecting'; attempt: number}
  | {kind: 'connected'; since: number; serverVersion: number}
  | {
      kind: 'reconnecting';
      attempt: number;
      nextAttemptAt: number;
      lastError: string;
      downSince: number;
    }
  | {kind: 'closed'};

/** Tuning of the lifeline; the defaults suit a sick production database. */
export type LifelineOptions = {
  applicationName: string;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  connectTimeoutMs: number;
  backoff: BackoffPolicy;
  random: () => number;
};

/** How {@link PostgresLifeline.transaction} runs its statements. */
export type TransactionOptions = {
  readOnly: boolean;
  /** Roll back instead of committing (a preview). */
  rollback?: boolean;
  statementTimeoutMs?: number;
  lockTimeoutMs?: number;
};

/** One result set of a statement run through the lifeline. */
export type StatementResult<Row = Record<string, unknown>> = {
  command: string;
  rowCount: number | null;
  rows: Row[];
  fields: string[];
};

/** Raised when a query is asked for while the lifeline has no connection. */
export class LifelineUnavailableError extends Error {
  constructor(status: LifelineStatus) {
    super(
      status.kind === 'reconnecting'
        ? `database unreachable: ${status.lastError}`
        : 'not connected to the database yet',
    );
    this.name = 'LifelineUnavailableError';
  }
}

const defaultOptions: LifelineOptions = {
  applicationName: 'incident-cockpit',
  statementTimeoutMs: 5000,
  lockTimeoutMs: 1000,
  connectTimeoutMs: 5000,
  backoff: {initialMs: 500, maxMs: 30_000},
  random: Math.random,
};

/**
 * The single long-lived connection the cockpit watches the database through. It is opened at
 * start so the cockpit keeps seeing the database when the application exhausts the pool,
 * reconnects by itself with capped, jittered backoff, and never opens a pool. Every statement
 * runs in its own explicit transaction with `SET LOCAL` timeouts, sent as one simple-protocol
 * message: one round trip, no named prepared statements and no session state, so it works
 * unchanged through a transaction-mode pooler (PgBouncer, Supavisor on port 6543).
 */
export class PostgresLifeline {
  readonly target: ConnectionTarget;
  private readonly options: LifelineOptions;
  private client: pg.Client | undefined;
  private currentStatus: LifelineStatus = {kind: 'connecting', attempt: 1};
  private readonly listeners = new Set<(status: LifelineStatus) => void>();
  private reconnectTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private downSince: number | undefined;
  private closed = false;
  private readonly secrets: string[];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(target: ConnectionTarget, options: Partial<LifelineOptions> = {}) {
    this.target = target;
    this.options = {...defaultOptions, ...options};
    this.secrets = secretsOfConnectionString(target.connectionString);
  }

  /** The current connection state. */
  get status(): LifelineStatus {
    return this.currentStatus;
  }

  /** `server_version_num` of the connected server (e.g. 170004), or undefined before the first connect. */
  serverVersion: number | undefined;

  /** Calls `listener` on every status change; returns the unsubscribe function. */
  subscribe(listener: (status: LifelineStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts connecting in the background; failures are retried, never thrown. */
  start(): void {
    void this.connect();
  }

  /** Resolves once connected, or rejects after `timeoutMs`. */
  async waitUntilConnected(timeoutMs: number): Promise<void> {
    if (this.currentStatus.kind === 'connected') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new LifelineUnavailableError(this.currentStatus));
      }, timeoutMs);
      const unsubscribe = this.subscribe((status) => {
        if (status.kind !== 'connected') return;
        clearTimeout(timer);
        unsubscribe();
        resolve();
      });
    });
  }

  /** Runs one read-only statement; its rows come back. */
  async read<Row = Record<string, unknown>>(
    sql: string,
    options: {statementTimeoutMs?: number} = {},
  ): Promise<StatementResult<Row>> {
    const [result] = await this.transaction<Row>([sql], {readOnly: true, ...options});
    return result!;
  }

  /**
   * Runs statements in one explicit transaction, read-only unless `readOnly` is false, committed
   * unless `rollback` is true (a preview). Values must already be safely quoted.
   */
  transaction<Row = Record<string, unknown>>(
    statements: readonly string[],
    options: TransactionOptions,
  ): Promise<Array<StatementResult<Row>>> {
    // Probes run concurrently but the lifeline is one connection: transactions take turns, so
    // one probe's statements (and an error's ROLLBACK) never interleave with another's.
    const turn = this.queue.then(() => this.runTransaction<Row>(statements, options));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async runTransaction<Row>(
    statements: readonly string[],
    options: TransactionOptions,
  ): Promise<Array<StatementResult<Row>>> {
    // Checked when this transaction's turn comes: the connection may have been replaced meanwhile.
    if (!this.client || this.currentStatus.kind !== 'connected')
      throw new LifelineUnavailableError(this.currentStatus);
    const statementTimeout = Math.max(
      1,
      Math.round(options.statementTimeoutMs ?? this.options.statementTimeoutMs),
    );
    const lockTimeout = Math.max(
      1,
      Math.round(options.lockTimeoutMs ?? this.options.lockTimeoutMs),
    );
    // A statement may end in a `--` comment: each separator goes on a line of its own.
    const text = [
      options.readOnly ? 'BEGIN READ ONLY' : 'BEGIN READ WRITE',
      `SET LOCAL statement_timeout = ${statementTimeout}`,
      `SET LOCAL lock_timeout = ${lockTimeout}`,
      ...statements.map((statement) => statement.trim().replace(/;+\s*$/, '')),
      options.rollback ? 'ROLLBACK' : 'COMMIT',
    ].join('\n;\n');
    const client = this.client;
    try {
      const raw = (await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
      const results = Array.isArray(raw) ? raw : [raw];
      return results.slice(3, 3 + statements.length).map((result) => ({
        command: result.command,
        rowCount: result.rowCount,
        rows: result.rows as Row[],
        fields: result.fields?.map((field) => field.name) ?? [],
      }));
    } catch (error) {
      if (error instanceof Error && /query read timeout/i.test(error.message)) {
        // No answer at all: the connection is as good as gone (a silent network, a frozen
        // server). Drop it and reconnect rather than wait hours for TCP to notice.
        (
          client as unknown as {connection?: {stream?: {destroy: () => void}}}
        ).connection?.stream?.destroy();
        this.handleLoss(
          client,
          new Error('the server stopped answering (no reply within the query timeout)'),
        );
        throw this.cleanError(error);
      }
      // An error inside the explicit transaction leaves it aborted: end it before anything else runs.
      await client.query('ROLLBACK').catch(() => undefined);
      throw this.cleanError(error);
    }
  }

  /** Closes the connection for good. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    this.setStatus({kind: 'closed'});
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    this.attempt += 1;
    if (this.currentStatus.kind !== 'reconnecting')
      this.setStatus({kind: 'connecting', attempt: this.attempt});
    const {applicationName, statementTimeoutMs, lockTimeoutMs, connectTimeoutMs} = this.options;
    let client: pg.Client;
    try {
      // pg reads SSL files (sslrootcert=…) synchronously here: a bad path must be a reconnect
      // reason in words, not a crash.
      client = new pg.Client({
        connectionString: this.target.connectionString,
        application_name: applicationName,
        connectionTimeoutMillis: connectTimeoutMs,
        keepAlive: true,
        // A silent network (a dropped NAT entry, a dead proxy) is noticed in seconds, not hours.
        keepAliveInitialDelayMillis: 10_000,
        // A server that stops answering must not wedge a probe forever.
        query_timeout: statementTimeoutMs * 3 + 5000,
        // Startup options are session state a transaction pooler rejects or loses; there the
        // per-transaction SET LOCAL above is the only guard, and it is always sent anyway.
        ...(this.target.pooled
          ? {}
          : {
              options: `-c default_transaction_read_only=on -c statement_timeout=${statementTimeoutMs} -c lock_timeout=${lockTimeoutMs} -c idle_in_transaction_session_timeout=${statementTimeoutMs * 6}`,
            }),
      });
    } catch (error) {
      this.scheduleReconnect(error);
      return;
    }
    client.on('error', (error) => this.handleLoss(client, error));
    client.on('end', () => this.handleLoss(client, new Error('connection closed by the server')));
    try {
      await client.connect();
      const version = await client.query<{server_version_num: string}>('SHOW server_version_num');
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.serverVersion = Number(version.rows[0]?.server_version_num ?? 0);
      this.client = client;
      this.attempt = 0;
      this.downSince = undefined;
      this.setStatus({kind: 'connected', since: Date.now(), serverVersion: this.serverVersion});
    } catch (error) {
      await client.end().catch(() => undefined);
      this.scheduleReconnect(error);
    }
  }

  private handleLoss(client: pg.Client, error: unknown): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    this.scheduleReconnect(error);
  }

  private scheduleReconnect(error: unknown): void {
    if (this.closed) return;
    const delay = backoffDelay(
      this.options.backoff,
      Math.max(1, this.attempt),
      this.options.random,
    );
    this.downSince ??= Date.now();
    this.setStatus({
      kind: 'reconnecting',
      attempt: Math.max(1, this.attempt),
      nextAttemptAt: Date.now() + delay,
      lastError: this.cleanError(error).message,
      downSince: this.downSince,
    });
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
    this.reconnectTimer.unref?.();
  }

  private setStatus(status: LifelineStatus): void {
    this.currentStatus = status;
    for (const listener of this.listeners) listener(status);
  }

  /** pg errors can quote the connection string; never let the password through. */
  private cleanError(error: unknown): Error {
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as {code?: string} | undefined)?.code;
    const cleaned = new Error(redactSecrets(describePgError(message, code), this.secrets));
    (cleaned as Error & {code?: string}).code = code;
    // PostgreSQL's hint says how to fix it (`runbooks check` and the navigator show it).
    const hint = (error as {hint?: string} | undefined)?.hint;
    if (hint) (cleaned as Error & {hint?: string}).hint = redactSecrets(hint, this.secrets);
    return cleaned;
  }
}

function describePgError(message: string, code: string | undefined): string {
  if (code === '57014' && /statement timeout/i.test(message))
    return 'query cancelled: statement_timeout reached';
  if (code === 'ECONNREFUSED') return `connection refused (${message.replace(/^connect /, '')})`;
  if (code === 'ENOTFOUND') return `host not found (${message.replace(/^getaddrinfo /, '')})`;
  return message || 'unknown error';
}
