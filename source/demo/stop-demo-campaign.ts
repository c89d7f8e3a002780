import pg from 'pg';

/** What the demo application does on `POST /api/campaigns/:id/stop`: the campaign stops sending. */
export async function stopDemoCampaign(
  connectionString: string,
  campaignId: string,
): Promise<boolean> {
  const client = new pg.Client({connectionString, application_name: 'admin-api'});
  client.on('error', () => undefined);
  await client.connect();
  try {
    const result = await client.query(
      `UPDATE campaigns SET status = 'stopped' WHERE id = $1 AND status = 'running'`,
      [campaignId],
    );
    return result.rowCount === 1;
  } finally {
    await client.end().catch(() => undefined);
  }
}
