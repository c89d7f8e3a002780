import pg from 'pg';
import type {DemoEdgeFunctions, DemoFunctionBehaviour} from './demo-edge-functions';

/**
 * The demo application: its own connections to the embedded server, doing what a sick
 * production application does (leaking connections, holding locks, failing sends). Scenarios
 * drive it; the cockpit only watches.
 */
export class DemoWorld {
  private readonly leaked: pg.Client[] = [];
  private readonly lockHolders: pg.Client[] = [];
  private worker: pg.Client | undefined;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly edgeFunctions?: DemoEdgeFunctions,
  ) {}

  /** Makes a demo edge function answer 200, 429 or 500 (nothing when the demo runs without them). */
  setEdgeFunction(name: string, behaviour: DemoFunctionBehaviour): void {
    this.edgeFunctions?.set(name, behaviour);
  }

  /** A connection for ordinary application traffic. */
  async connect(
    applicationName = 'api-server',
    options: {waitForever?: boolean} = {},
  ): Promise<pg.Client> {
    // Ordinary traffic gives up after 5 s, so a lock pile-up can never wedge the scenario itself.
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: applicationName,
      statement_timeout: options.waitForever ? 0 : 5000,
    });
    // The demo keeps going when one of its sessions is terminated from the cockpit.
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  /** Runs SQL on the shared worker connection (created on first use). */
  async run(sql: string, values?: unknown[]): Promise<pg.QueryResult> {
    if (this.closed) throw new Error('demo stopped');
    if (!this.worker) this.worker = await this.connect('dispatcher-worker');
    return this.worker.query(sql, values);
  }

  /** Opens connections that are never returned, as a leaking pool does; some idle in a transaction. */
  async leakConnections(
    count: number,
    options: {idleInTransaction?: boolean; applicationName?: string} = {},
  ): Promise<void> {
    for (let index = 0; index < count && !this.closed; index++) {
      try {
        const client = await this.connect(options.applicationName ?? 'api-server');
        if (options.idleInTransaction) {
          await client.query('BEGIN');
          // Not orders: the lock pile-up queues an ALTER TABLE there, which would block this too.
          await client.query('SELECT id FROM campaigns WHERE id = 1');
        } else {
          await client.query('SELECT 1');
        }
        this.leaked.push(client);
      } catch {
        // Out of connections: exactly the situation the demo is building up to.
        return;
      }
    }
  }

  /** How many leaked connections are open. */
  get leakedCount(): number {
    return this.leaked.length;
  }

  /** Closes every leaked connection (the "restart the app servers" fix). */
  async releaseLeaks(): Promise<void> {
    await Promise.all(this.leaked.splice(0).map((client) => client.end().catch(() => undefined)));
  }

  /**
   * Builds a blocking chain: one session updates an order and sits idle in its transaction;
   * `waiters` sessions queue behind it for the same row; one more waits for a table lock behind those.
   */
  async startLockPileUp(orderId: number, waiters: number): Promise<void> {
    const holder = await this.connect('admin-console', {waitForever: true});
    await holder.query('BEGIN');
    await holder.query(
      `UPDATE orders SET status = 'refund_pending', updated_at = now() WHERE id = $1`,
      [orderId],
    );
    this.lockHolders.push(holder);
    for (let index = 0; index < waiters; index++) {
      const waiter = await this.connect(index % 2 === 0 ? 'checkout-api' : 'order-sync', {
        waitForever: true,
      });
      this.lockHolders.push(waiter);
      void waiter
        .query(`UPDATE orders SET status = 'paid', updated_at = now() WHERE id = $1`, [orderId])
        .catch(() => undefined);
    }
    const migration = await this.connect('migration-runner', {waitForever: true});
    this.lockHolders.push(migration);
    void migration
      .query('ALTER TABLE orders ADD COLUMN IF NOT EXISTS refund_reason text')
      .catch(() => undefined);
  }

  /** Ends the lock pile-up by closing every session in it. */
  async endLockPileUp(): Promise<void> {
    await Promise.all(
      this.lockHolders.splice(0).map((client) => client.end().catch(() => undefined)),
    );
  }

  /** Closes every connection the demo opened. */
  async close(): Promise<void> {
    this.closed = true;
    await this.releaseLeaks();
    await this.endLockPileUp();
    await this.worker?.end().catch(() => undefined);
  }
}
