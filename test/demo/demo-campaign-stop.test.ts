import {afterAll, describe, expect, it} from 'vitest';
import {startDemoEdgeFunctions} from '../../source/demo/demo-edge-functions';
import {demoApplicationSettings} from '../../source/demo/demo-settings';
import {seedDemoDatabase} from '../../source/demo/start-demo';
import {stopDemoCampaign} from '../../source/demo/stop-demo-campaign';
import {createTestDatabase} from '../helpers/database';

const database = await createTestDatabase();
await seedDemoDatabase(database.url);
const edgeFunctions = await startDemoEdgeFunctions();
edgeFunctions.setCampaignStopper((id) => stopDemoCampaign(database.url, id));
afterAll(() => edgeFunctions.close());

describe('the demo admin API', () => {
  it('is the Campaigns pane stop endpoint and stops the running campaign', async () => {
    const endpoint = demoApplicationSettings(edgeFunctions).campaigns.stopEndpoint!;
    const url = endpoint.url.replace(':id', '1');
    const stopped = await fetch(url, {method: endpoint.method});
    expect(stopped.status).toBe(202);
    expect(await database.query('SELECT status FROM campaigns WHERE id = 1')).toEqual([
      {status: 'stopped'},
    ]);
    // Stopping it again finds no running campaign.
    expect((await fetch(url, {method: endpoint.method})).status).toBe(404);
  });
});
