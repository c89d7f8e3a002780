import {createHash} from 'node:crypto';
import pg from 'pg';
import {redactSecrets, rememberSecrets, secretsOfConnectionString} from '../text/redact-secrets';
import {type BackoffPolicy, backoffDelay} from './backoff';
import type {ConnectionTarget} from './connection-target';

/** What the lifeline is doing now; the header shows it in words. */
export type LifelineStatus =
  | {kind: 'connecting'; attempt: number}
  | {kind: 'connected'; since: number; serverVersion: number}
  /** Connected, but a statement sent at `unansweredSince` has had no reply for too long. */
  | {kind: 'stalled'; since: number; serverVersion: number; unansweredSince: number}
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
  /**
   * A statement unanswered this long marks the lifeline stalled (a frozen server answers nothing;
   * the controller sets two refresh intervals). Past the statement timeout as well, a live server
   * would have cancelled it: the connection is dropped and the outage dated from the send.
   */
  stallAfterMs: number;
};

/** How {@link PostgresLifeline.transaction} runs its statements. */
export type TransactionOptions = {
  readOnly: boolean;
  /** Roll back instead of committing (a preview). */
  rollback?: boolean;
  statementTimeoutMs?: number;
  lockTimeoutMs?: number;
  /**
   * Afterwards, in the same round trip (so on the same backend, even through a transaction
   * pooler), release session advisory locks and reset settings the statements may have left.
   */
  resetSession?: boolean;
};

/** Prepared statements kept per connection; the probes need a handful. */
const maximumPreparedStatements = 64;

/** What {@link TransactionOptions.resetSession} runs after the transaction, committed or not. */
export const sessionResetStatements = ['SELECT pg_advisory_unlock_all()', 'RESET ALL'];

/** How one of the cockpit's own reads runs. */
export type ReadOptions = {
  statementTimeoutMs?: number;
  /** Values for the statement's `$1`, `$2`…, sent apart from its text (so it stays prepared). */
  values?: readonly unknown[];
};

/** One result set of a statement run through the lifeline. */
export type StatementResult<Row = Record<string, unknown>> = {
  command: string;
  rowCount: number | null;
  rows: Row[];
  fields: string[];
};

/**
 * What PostgreSQL said beyond its message, kept on the errors the lifeline raises: `detail`
 * and `hint` as the server wrote them (secrets removed), and where in the statements it points:
 * `statementIndex` (0-based, among the statements given) and `position` (1-based character in
 * that statement).
 */
export type DatabaseErrorFields = {
  code?: string;
  detail?: string;
  hint?: string;
  statementIndex?: number;
  position?: number;
};

/** The {@link DatabaseErrorFields} of an error raised by the lifeline (empty for others). */
export function databaseErrorFields(error: unknown): DatabaseErrorFields {
  if (!(error instanceof Error)) return {};
  const raw = error as Error & DatabaseErrorFields;
  const fields: DatabaseErrorFields = {};
  for (const key of ['code', 'detail', 'hint'] as const)
    if (typeof raw[key] === 'string' && raw[key]) fields[key] = raw[key];
  for (const key of ['statementIndex', 'position'] as const)
    if (typeof raw[key] === 'number') fields[key] = raw[key];
  return fields;
}

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
  stallAfterMs: 4000,
};

/**
 * The single long-lived connection the cockpit watches the database through. It is opened at
 * start so the cockpit keeps seeing the database when the application exhausts the pool,
 * reconnects by itself with capped, jittered backoff, and never opens a pool.
 *
 * On a direct connection the session itself is read-only with statement and lock timeouts (set
 * once, in the startup packet), so a probe's read is sent as the query alone: one statement per
 * refresh and pane rather than five. Through a transaction-mode pooler (PgBouncer, Supavisor on
 * port 6543) no session state survives, so there every statement runs in its own explicit
 * transaction with `SET LOCAL` timeouts, sent as one simple-protocol message: one round trip and
 * no named prepared statements. Actions and runbook steps always take that explicit form.
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
  /** Set after an explicit transaction ran other code's SQL, which may have changed the session. */
  private sessionMayHaveChanged = false;
  private statementCount = 0;
  /** When the statement now awaiting its reply was sent. */
  private unansweredSince: number | undefined;
  /** The statement timeout of the transaction awaiting its reply. */
  private unansweredTimeoutMs = 0;
  private watchdog: NodeJS.Timeout | undefined;
  private backoffCapMs: number | undefined;
  /** Why a connection was given up on, for the statement it left waiting. */
  private readonly dropped = new WeakMap<pg.Client, Error>();
  /** Names of the statements prepared on each connection, by their text. */
  private readonly prepared = new WeakMap<pg.Client, Map<string, string>>();
  /** Connections whose prepared statements were deallocated behind the lifeline's back. */
  private readonly unpreparable = new WeakSet<pg.Client>();

  constructor(target: ConnectionTarget, options: Partial<LifelineOptions> = {}) {
    this.target = target;
    this.options = {...defaultOptions, ...options};
    this.secrets = secretsOfConnectionString(target.connectionString);
    // The password is a secret the whole process knows from now on: every sink redacts it.
    rememberSecrets(this.secrets);
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

  /** Statements sent to the server so far, wrappers (BEGIN, SET LOCAL, COMMIT) included. */
  get statementsSent(): number {
    return this.statementCount;
  }

  /**
   * Runs one read-only statement of the cockpit's own (a probe's); its rows come back. Runbook
   * and user SQL goes through {@link transaction}, never here.
   */
  async read<Row = Record<string, unknown>>(
    sql: string,
    options: ReadOptions = {},
  ): Promise<StatementResult<Row>> {
    const {values, ...timeouts} = options;
    const [result] = await this.readAll<Row>([sql], timeouts, values);
    return result!;
  }

  /**
   * Runs several read-only statements of the cockpit's own in one round trip. On a direct
   * connection they are sent bare, relying on the session's read-only default and timeouts;
   * through a pooler, or with a timeout other than the session's, in an explicit transaction.
   */
  readAll<Row = Record<string, unknown>>(
    statements: readonly string[],
    options: {statementTimeoutMs?: number} = {},
    values?: readonly unknown[],
  ): Promise<Array<StatementResult<Row>>> {
    if (values && statements.length !== 1)
      throw new Error('statement parameters need exactly one statement');
    const sessionTimeouts =
      options.statementTimeoutMs === undefined ||
      Math.round(options.statementTimeoutMs) === this.options.statementTimeoutMs;
    const turn = this.queue.then(() =>
      this.target.pooled || !sessionTimeouts
        ? this.runTransaction<Row>(statements, {readOnly: true, ...options}, true, values)
        : this.runBare<Row>(statements, values),
    );
    this.queue = turn.catch(() => undefined);
    return turn;
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

  private async runBare<Row>(
    statements: readonly string[],
    values?: readonly unknown[],
  ): Promise<Array<StatementResult<Row>>> {
    if (!this.client || this.currentStatus.kind !== 'connected')
      throw new LifelineUnavailableError(this.currentStatus);
    const client = this.client;
    if (this.sessionMayHaveChanged) {
      // A runbook step may have run a plain SET (not LOCAL) that outlived its transaction:
      // back to the startup settings (read-only, timeouts) before relying on them again.
      this.statementCount += 1;
      await client.query('RESET ALL').catch(() => undefined);
      this.sessionMayHaveChanged = false;
    }
    // A statement may end in a `--` comment: each separator goes on a line of its own.
    const text = statements
      .map((statement) => statement.trim().replace(/;+\s*$/, ''))
      .join('\n;\n');
    this.statementCount += statements.length;
    this.watchStatement(client, this.options.statementTimeoutMs);
    const prepared = statements.length === 1 ? this.preparedQuery(client, text) : text;
    const withValues = (query: string | pg.QueryConfig): string | pg.QueryConfig =>
      values === undefined
        ? query
        : {...(typeof query === 'string' ? {text: query} : query), values: [...values]};
    const query = withValues(prepared);
    try {
      const raw = (await client.query(query).catch((error: unknown) => {
        // Something deallocated the prepared statements (DEALLOCATE ALL, DISCARD ALL): plain
        // statements on this connection from now on.
        if (typeof prepared === 'string' || (error as {code?: string}).code !== '26000')
          throw error;
        this.unpreparable.add(client);
        return client.query(withValues(text));
      })) as unknown as pg.QueryResult | pg.QueryResult[];
      this.answered(client);
      return toResults<Row>(Array.isArray(raw) ? raw : [raw]);
    } catch (error) {
      this.answered(client);
      const dropped = this.dropped.get(client);
      if (dropped) throw dropped;
      // Several statements in one message are one implicit transaction: the server has already
      // rolled it back, so nothing is left to end here.
      throw this.handleQueryError(client, error);
    }
  }

  /**
   * A probe's statement as a named prepared statement, so the server plans it once per
   * connection rather than on every refresh (planning was a third of a refresh's database time).
   * Each distinct text is one statement kept on the server: past a bound, plain text again.
   */
  private preparedQuery(client: pg.Client, text: string): string | pg.QueryConfig {
    // EXPLAIN runs rarely and is planned by its own execution anyway.
    if (this.unpreparable.has(client) || /^\s*explain\b/i.test(text)) return text;
    let names = this.prepared.get(client);
    if (!names) {
      names = new Map();
      this.prepared.set(client, names);
    }
    // Looked up by text: hashing a 3 KB statement twice a second was 1% of the cockpit's CPU.
    let name = names.get(text);
    if (name === undefined) {
      if (names.size >= maximumPreparedStatements) return text;
      name = `cockpit_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      names.set(text, name);
    }
    return {name, text};
  }

  private async runTransaction<Row>(
    statements: readonly string[],
    options: TransactionOptions,
    ownSql = false,
    values?: readonly unknown[],
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
    const separator = '\n;\n';
    const bodies = statements.map((statement) => statement.trim().replace(/;+\s*$/, ''));
    const opening = [
      options.readOnly ? 'BEGIN READ ONLY' : 'BEGIN READ WRITE',
      `SET LOCAL statement_timeout = ${statementTimeout}`,
      `SET LOCAL lock_timeout = ${lockTimeout}`,
      // Compiling a plan costs the sick server more than these short statements ever run (one
      // lock-tree read estimated past jit_above_cost spent 30 ms compiling for 1 ms of work).
      'SET LOCAL jit = off',
    ];
    const text = [
      ...opening,
      ...bodies,
      options.rollback ? 'ROLLBACK' : 'COMMIT',
      ...(options.resetSession ? sessionResetStatements : []),
    ].join(separator);
    // Where each statement starts in `text`, to point an error's position into its statement.
    const starts: number[] = [];
    let offset = opening.join(separator).length + separator.length;
    for (const body of bodies) {
      starts.push(offset);
      offset += body.length + separator.length;
    }
    const located = (error: unknown) => {
      const cleaned = this.cleanError(error);
      const position = Number((error as {position?: string} | undefined)?.position);
      const index = starts.findLastIndex((start) => start < position);
      if (
        Number.isInteger(position) &&
        index >= 0 &&
        position - starts[index]! <= bodies[index]!.length
      )
        Object.assign(cleaned, {statementIndex: index, position: position - starts[index]!});
      return cleaned;
    };
    const client = this.client;
    this.statementCount += opening.length + statements.length + 1;
    // What runs here is not necessarily the cockpit's own SQL: a plain SET in it outlives COMMIT.
    if (!this.target.pooled && !ownSql) this.sessionMayHaveChanged = true;
    this.watchStatement(client, statementTimeout);
    try {
      if (values) {
        // Parameters need the extended protocol, one statement a message: three round trips
        // on the same backend, since a pooler keeps it for the transaction.
        await client.query(opening.join(separator));
        const result = await client.query({text: bodies[0]!, values: [...values]});
        await client.query(options.rollback ? 'ROLLBACK' : 'COMMIT');
        this.answered(client);
        return toResults<Row>([result]);
      }
      const raw = (await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
      this.answered(client);
      const results = Array.isArray(raw) ? raw : [raw];
      return toResults<Row>(results.slice(opening.length, opening.length + statements.length));
    } catch (error) {
      this.answered(client);
      const dropped = this.dropped.get(client);
      if (dropped) throw dropped;
      // A query that got no answer at all drops the connection (see handleQueryError).
      this.handleQueryError(client, error);
      const cleaned = located(error);
      // An error inside the explicit transaction leaves it aborted: end it before anything else runs.
      if (this.client === client) {
        const end = ['ROLLBACK', ...(options.resetSession ? sessionResetStatements : [])];
        await client.query(end.join(separator)).catch(() => undefined);
      }
      throw cleaned;
    }
  }

  /** A query that got no answer at all drops the connection; every error is cleaned for display. */
  private handleQueryError(client: pg.Client, error: unknown): Error {
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
    }
    return this.cleanError(error);
  }

  /** Changes how long an unanswered statement takes to mark the lifeline stalled. */
  setStallAfter(milliseconds: number): void {
    this.options.stallAfterMs = Math.max(100, milliseconds);
    // A statement already in flight is judged by the new limit from now on.
    if (this.client) this.checkUnansweredAt(this.client, Date.now());
  }

  /** Caps the reconnect backoff lower than its policy (while an incident is open), or lifts the cap. */
  setBackoffCap(milliseconds: number | undefined): void {
    this.backoffCapMs = milliseconds;
    const status = this.currentStatus;
    // A wait already longer than the new cap is cut short.
    if (milliseconds !== undefined && status.kind === 'reconnecting') {
      const remaining = status.nextAttemptAt - Date.now();
      if (remaining > milliseconds) this.retryAt(Date.now() + milliseconds, status);
    }
  }

  /**
   * Tries to connect now instead of at the end of the backoff; a stalled connection is dropped
   * first. Returns what it did, in words.
   */
  reconnectNow(): string {
    const status = this.currentStatus;
    if (this.closed) return 'the database connection is closed';
    if (status.kind === 'connected') return 'already connected';
    if (status.kind === 'stalled' && this.client) {
      this.dropUnanswered(this.client, status.unansweredSince);
      return 'dropped the stalled connection; reconnecting now';
    }
    if (status.kind === 'reconnecting') {
      this.retryAt(Date.now(), status);
      return 'reconnecting now';
    }
    return 'already connecting';
  }

  /** Closes the connection for good. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.watchdog);
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
              options: `-c default_transaction_read_only=on -c statement_timeout=${statementTimeoutMs} -c lock_timeout=${lockTimeoutMs} -c idle_in_transaction_session_timeout=${statementTimeoutMs * 6} -c jit=off`,
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
      this.sessionMayHaveChanged = false;
      this.attempt = 0;
      this.downSince = undefined;
      this.unansweredSince = undefined;
      this.setStatus({kind: 'connected', since: Date.now(), serverVersion: this.serverVersion});
    } catch (error) {
      await client.end().catch(() => undefined);
      this.scheduleReconnect(error);
    }
  }

  /**
   * Watches the statement about to be sent on `client`, given `timeoutMs` on the server: one
   * timer, set for the moment it would be unanswered too long and moved by each statement sent,
   * so a connection that answers never wakes the process (a 100 ms check did, ten times a
   * second, for nothing).
   */
  private watchStatement(client: pg.Client, timeoutMs: number): void {
    const since = Date.now();
    this.unansweredSince = since;
    this.unansweredTimeoutMs = timeoutMs;
    this.checkUnansweredAt(client, since + this.unansweredLimits().stallAt);
  }

  private checkUnansweredAt(client: pg.Client, at: number): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.checkUnanswered(client), Math.max(0, at - Date.now()));
    this.watchdog.unref?.();
  }

  /** How long the statement in flight may go unanswered before it is called stalled, then dropped. */
  private unansweredLimits(): {stallAt: number; dropAt: number} {
    const {stallAfterMs, statementTimeoutMs} = this.options;
    const timeout = this.unansweredTimeoutMs;
    // A live server answers within the statement timeout, even if only with an error. A step
    // given a longer timeout than the probes' is not called stalled before its own runs out.
    return {
      stallAt: timeout > statementTimeoutMs ? timeout + stallAfterMs : stallAfterMs,
      dropAt: timeout + stallAfterMs,
    };
  }

  private checkUnanswered(client: pg.Client): void {
    this.watchdog = undefined;
    const since = this.unansweredSince;
    const status = this.currentStatus;
    if (this.client !== client || since === undefined) return;
    if (status.kind !== 'connected' && status.kind !== 'stalled') return;
    const waited = Date.now() - since;
    const {stallAt, dropAt} = this.unansweredLimits();
    if (waited >= dropAt) {
      this.dropUnanswered(client, since);
      return;
    }
    if (waited >= stallAt && status.kind === 'connected')
      this.setStatus({...status, kind: 'stalled', unansweredSince: since});
    this.checkUnansweredAt(client, since + (waited >= stallAt ? dropAt : stallAt));
  }

  private answered(client: pg.Client): void {
    if (this.client !== client) return;
    this.unansweredSince = undefined;
    const status = this.currentStatus;
    if (status.kind === 'stalled') {
      const {unansweredSince: _unanswered, ...connected} = status;
      this.setStatus({...connected, kind: 'connected'});
    }
  }

  /** Gives up on a connection whose server stopped answering; the outage began at `since`. */
  private dropUnanswered(client: pg.Client, since: number): void {
    const seconds = Math.round((Date.now() - since) / 1000);
    const reason = new Error(
      `the server stopped answering (no reply for ${seconds}s, past the statement timeout)`,
    );
    this.dropped.set(client, reason);
    this.downSince = since;
    (
      client as unknown as {connection?: {stream?: {destroy: () => void}}}
    ).connection?.stream?.destroy();
    this.handleLoss(client, reason);
  }

  private handleLoss(client: pg.Client, error: unknown): void {
    if (this.client !== client || this.closed) return;
    clearTimeout(this.watchdog);
    this.client = undefined;
    void client.end().catch(() => undefined);
    this.scheduleReconnect(error);
  }

  private scheduleReconnect(error: unknown): void {
    if (this.closed) return;
    const policy = this.options.backoff;
    const maxMs = Math.min(policy.maxMs, this.backoffCapMs ?? policy.maxMs);
    const delay = backoffDelay(
      {initialMs: Math.min(policy.initialMs, maxMs), maxMs},
      Math.max(1, this.attempt),
      this.options.random,
    );
    this.downSince ??= Date.now();
    this.retryAt(Date.now() + delay, {
      kind: 'reconnecting',
      attempt: Math.max(1, this.attempt),
      nextAttemptAt: 0,
      lastError: this.cleanError(error).message,
      downSince: this.downSince,
    });
  }

  private retryAt(at: number, status: Extract<LifelineStatus, {kind: 'reconnecting'}>): void {
    this.setStatus({...status, nextAttemptAt: at});
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), Math.max(0, at - Date.now()));
    this.reconnectTimer.unref?.();
  }

  private setStatus(status: LifelineStatus): void {
    this.currentStatus = status;
    for (const listener of this.listeners) listener(status);
  }

  /**
   * pg errors can quote the connection string; never let the password through. The server's
   * detail and hint are kept (see {@link DatabaseErrorFields}), redacted the same way.
   */
  private cleanError(error: unknown): Error {
    const message = error instanceof Error ? error.message : String(error);
    const raw = (error ?? {}) as {code?: string; detail?: unknown; hint?: unknown};
    const cleaned = new Error(redactSecrets(describePgError(message, raw.code), this.secrets));
    (cleaned as Error & {code?: string}).code = raw.code;
    for (const key of ['detail', 'hint'] as const)
      if (typeof raw[key] === 'string' && raw[key])
        Object.assign(cleaned, {[key]: redactSecrets(raw[key], this.secrets)});
    return cleaned;
  }
}

function toResults<Row>(results: readonly pg.QueryResult[]): Array<StatementResult<Row>> {
  return results.map((result) => ({
    command: result.command,
    rowCount: result.rowCount,
    rows: result.rows as Row[],
    fields: result.fields?.map((field) => field.name) ?? [],
  }));
}

function describePgError(message: string, code: string | undefined): string {
  if (code === '57014' && /statement timeout/i.test(message))
    return 'query cancelled: statement_timeout reached';
  if (code === 'ECONNREFUSED') return `connection refused (${message.replace(/^connect /, '')})`;
  if (code === 'ENOTFOUND') return `host not found (${message.replace(/^getaddrinfo /, '')})`;
  return message || 'unknown error';
}
