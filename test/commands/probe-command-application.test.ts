import {createServer} from 'node:http';
import {afterAll, describe, expect, it} from 'vitest';
import {runProbeCommand} from '../../source/commands/probe-command';
import {seedDemoDatabase} from '../../source/demo/start-demo';
import {createTestDatabase} from '../helpers/database';

const database = await createTestDatabase();
await seedDemoDatabase(database.url);

// A health URL answering 200, so the integrations array has an entry.
const health = createServer((_request, response) => response.end('ok'));
await new Promise<void>((resolve) => health.listen(0, '127.0.0.1', resolve));
const port = (health.address() as {port: number}).port;
afterAll(() => new Promise<void>((resolve) => health.close(() => resolve())));

describe('cockpit probe --json with the application panes', () => {
  it('has dlq.depth, email.failedLastHour, campaigns[] and integrations[], and every pane status', async () => {
    const {mkdtempSync, writeFileSync} = await import('node:fs');
    const {tmpdir} = await import('node:os');
    const path = await import('node:path');
    const directory = mkdtempSync(path.join(tmpdir(), 'probe-config-'));
    const config = path.join(directory, 'cockpit.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        integrations: {http: [{name: 'api health', url: `http://127.0.0.1:${port}/health`}]},
      }),
    );
    let output = '';
    const code = await runProbeCommand({db: database.url, config, json: true}, {}, (text) => {
      output += text;
    });
    const report = JSON.parse(output);
    expect(code).toBe(0);
    expect(report.dlq).toMatchObject({ok: true, depth: 6});
    expect(report.email).toMatchObject({ok: true, failedLastHour: expect.any(Number)});
    expect(report.campaigns).toEqual([
      expect.objectContaining({
        name: 'Black Friday reminder',
        stalled: expect.any(Boolean),
        counts: expect.objectContaining({sent: 1200, failed: 30, pending: 2770}),
      }),
    ]);
    expect(report.integrations).toEqual([
      expect.objectContaining({name: 'api health', status: 'ok', latencyMs: expect.any(Number)}),
    ]);
    for (const pane of ['connections', 'locks', 'dlq', 'email', 'campaigns', 'integrations']) {
      expect(report.panes[pane]).toMatchObject({ok: true, fetchedAt: expect.any(String)});
    }
  });
});
