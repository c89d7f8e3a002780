import {readFileSync} from 'node:fs';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runProbeCommand} from '../../source/commands/probe-command';
import {runRunbooksCommand} from '../../source/commands/runbooks-command';
import {createTestDatabase} from '../helpers/database';

const root = process.cwd();
const fixture = (name: string) =>
  readFileSync(path.join(root, 'test/fixtures/products', `${name}.sql`), 'utf8');
const example = (name: string) => path.join(root, 'examples', `${name}.config.yaml`);

// The application's own endpoints: an edge function and a health endpoint wanting its token.
const server = createServer((request, response) => {
  if (request.url?.startsWith('/functions/v1/')) {
    response.writeHead(200, {'content-type': 'application/json'}).end('{"ok":true}');
    return;
  }
  if (request.headers.authorization !== 'Bearer app-health-token-42') {
    response.writeHead(401).end();
    return;
  }
  response
    .writeHead(200, {'content-type': 'application/json'})
    .end(JSON.stringify({errors: {rate: 3.5}, latency: {p95: 420}}));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise((resolve) => server.close(resolve)));

const environment = {
  HOME: '/nonexistent',
  SUPABASE_URL: base,
  SUPABASE_SERVICE_ROLE_KEY: 'service-role-key-for-tests',
  APP_HEALTH_URL: `${base}/api/health`,
  APP_HEALTH_TOKEN: 'app-health-token-42',
};

type ProbeDocument = Record<string, unknown> & {
  panes: Record<string, {ok: boolean; error?: string}>;
};

async function probe(product: string, url: string): Promise<ProbeDocument> {
  let output = '';
  await runProbeCommand({db: url, config: example(product), json: true}, environment, (text) => {
    output += text;
  });
  return JSON.parse(output) as ProbeDocument;
}

async function check(product: string, url: string) {
  const lines: string[] = [];
  const code = await runRunbooksCommand(
    {action: 'check', paths: [], json: false, db: url, config: example(product)},
    (line) => lines.push(line),
    environment,
  );
  return {code, lines};
}

async function lint(product: string) {
  const lines: string[] = [];
  const code = await runRunbooksCommand(
    {action: 'lint', paths: [], json: false, config: example(product)},
    (line) => lines.push(line),
    environment,
  );
  return {code, lines};
}

/** The signal entry of the probe document, which must have read without error. */
function signal(document: ProbeDocument, name: string) {
  const entry = document[`signal:${name}`] as {
    ok: boolean;
    value: number | null;
    labels: unknown[];
  };
  expect(document.panes[`signal:${name}`], name).toMatchObject({ok: true});
  return entry;
}

describe.each([
  {
    product: 'voucher-platform',
    panes: ['connections', 'locks', 'campaigns', 'integrations'],
    verify: (document: ProbeDocument) => {
      expect(document.campaigns).toEqual([
        expect.objectContaining({
          name: 'Summer vouchers',
          stalled: true,
          pending: 190,
          counts: expect.objectContaining({sent: 300, failed: 10, queued: 190}),
        }),
      ]);
      expect(document.integrations).toEqual([
        expect.objectContaining({name: 'send-whatsapp', status: 'ok'}),
      ]);
      expect(signal(document, 'duplicate-redemptions').value).toBe(1);
      expect(signal(document, 'payment-failures').value).toBe(1);
      expect(signal(document, 'campaign-queue').labels).toEqual([
        {label: 'Summer vouchers', value: 190},
      ]);
    },
  },
  {
    product: 'vercel-n8n',
    panes: ['connections', 'locks', 'dlq'],
    verify: (document: ProbeDocument) => {
      expect(document.dlq).toMatchObject({ok: true, depth: 10});
      expect(signal(document, 'n8n-sync-errors').value).toBe(4);
      expect(signal(document, 'dead-letters-by-channel').labels).toEqual([
        {label: 'stripe-webhook', value: 1},
        {label: 'twilio-webhook', value: 9},
      ]);
      expect(signal(document, 'api-error-rate').value).toBe(3.5);
      expect(signal(document, 'api-p95-latency').value).toBe(420);
    },
  },
  {
    product: 'warehouse',
    panes: ['connections', 'locks', 'email'],
    verify: (document: ProbeDocument) => {
      expect(document.email).toMatchObject({ok: true, failedLastHour: 3});
      expect(signal(document, 'failed-logins').value).toBe(15);
      expect(signal(document, 'ocr-backlog').value).toBe(6);
      expect(signal(document, 'cron-failures').value).toBe(2);
      expect(signal(document, 'reservation-drift').value).toBe(1);
    },
  },
  {
    product: 'restaurant-ordering',
    panes: ['connections', 'locks', 'dlq'],
    verify: (document: ProbeDocument) => {
      expect(document.dlq).toMatchObject({ok: true, depth: 4});
      expect(signal(document, 'payment-failures').value).toBe(5);
      expect(signal(document, 'orders-awaiting-payment').value).toBe(3);
      expect(signal(document, 'expired-idempotency-keys').value).toBe(0);
    },
  },
])('the $product example', ({product, panes, verify}) => {
  it('reads the planted rows in every configured pane and signal (cockpit probe --json)', async () => {
    const database = await createTestDatabase({schema: fixture(product)});
    const document = await probe(product, database.url);
    for (const pane of panes) expect(document.panes[pane], pane).toMatchObject({ok: true});
    verify(document);
    const check_ = await check(product, database.url);
    expect(check_.lines.filter((line) => / fails: /.test(line))).toEqual([]);
    expect(check_.code).toBe(0);
    expect(check_.lines.filter((line) => /: ok/.test(line)).length).toBeGreaterThan(3);
    const linted = await lint(product);
    expect(linted.lines.filter((line) => /: error: /.test(line))).toEqual([]);
    expect(linted.code).toBe(0);
  });
});
