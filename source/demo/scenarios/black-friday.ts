import type {Scenario} from './scenario';
import {deadLetters, failEmails, healthyTraffic} from './traffic';

/** Targets the seed has already sent or failed (seed.sql); the rest is the scenario's to send. */
const seededCampaignProgress = 1230;

/**
 * The default demo: a campaign send on a busy day goes wrong. The API leaks connections toward
 * max_connections, an admin's unfinished refund blocks checkout behind a lock chain, Twilio
 * webhooks pile up in the dead-letter queue, the email provider rejects bursts, and the
 * campaign dispatcher stalls.
 */
export const blackFriday: Scenario = {
  name: 'black-friday',
  description:
    'connection leak, lock pile-up, growing dead-letter queue, failing emails, stalled campaign',
  durationSeconds: 300,
  async tick(world, elapsed) {
    await healthyTraffic(world, {campaignAdvancing: elapsed < 45});
    // Leak a connection every two seconds from 5 s on, every fourth one idle in a transaction.
    if (elapsed >= 5 && elapsed % 2 === 0 && world.leakedCount < 44) {
      await world.leakConnections(1, {idleInTransaction: world.leakedCount % 4 === 3});
    }
    if (elapsed === 20) await world.startLockPileUp(42, 4);
    if (elapsed >= 10)
      await deadLetters(
        world,
        Math.min(8, 1 + Math.floor(elapsed / 30)),
        'twilio-webhook',
        'HTTP 429 Too Many Requests from campaign-dispatch',
      );
    if (elapsed % 7 === 0)
      await deadLetters(world, 1, 'stripe-webhook', 'signature verification failed');
    if ((elapsed >= 30 && elapsed < 60) || (elapsed >= 120 && elapsed < 140)) {
      await failEmails(world, 3, '550 5.1.1 mailbox unavailable', 'mail.example.org');
      await failEmails(world, 2, 'Resend API 429: rate limit exceeded');
    }
    // The dispatcher's edge function gets rate limited as the campaign stalls; the Stripe
    // webhook handler crashes for a minute after a bad deploy.
    world.setEdgeFunction(
      'campaign-dispatch',
      elapsed >= 45 && elapsed < 200 ? 'rate-limited' : 'ok',
    );
    world.setEdgeFunction('stripe-webhook', elapsed >= 90 && elapsed < 150 ? 'error' : 'ok');
  },
  async reset(world) {
    world.setEdgeFunction('campaign-dispatch', 'ok');
    world.setEdgeFunction('stripe-webhook', 'ok');
    await world.releaseLeaks();
    await world.endLockPileUp();
    // A stop from the cockpit lasts until the scenario starts over.
    await world.run(`UPDATE campaigns SET status = 'running' WHERE id = 1`).catch(() => undefined);
    // So does the dispatcher's progress: a demo left running for an hour still has a campaign
    // to advance and stall, rather than one that has run out of targets.
    await world
      .run(
        `UPDATE campaign_targets SET status = 'pending', updated_at = campaigns.started_at
         FROM campaigns
         WHERE campaigns.id = 1 AND campaign_targets.campaign_id = 1
           AND campaign_targets.id > ${seededCampaignProgress} AND campaign_targets.status <> 'pending'`,
      )
      .catch(() => undefined);
  },
};
