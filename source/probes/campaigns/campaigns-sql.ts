import type {CampaignSettings} from '../../config/application-settings';
import {literalList, quoteIdentifier, quoteLiteral} from '../application/sql-quote';

/** At most this many running campaigns are shown. */
export const campaignLimit = 20;

/**
 * One row per running campaign: `id, name, started_at, counts` (JSON object of target status to
 * count), `advanced_5m` (targets that left a pending status in the last 5 minutes) and
 * `last_advance_at` (within the last hour, else null), and optionally `quiet_seconds` (seconds
 * since the last advance, or since the start). A whole query must return the same.
 */
export function campaignSummarySql(
  settings: CampaignSettings,
  options: {targetsIndexed: boolean} = {targetsIndexed: true},
): string {
  if (settings.query) return settings.query.trim().replace(/;+\s*$/, '');
  const campaign = settings.columns;
  const target = settings.targets.columns;
  const quote = quoteIdentifier;
  const pending = literalList(settings.targets.pendingStatuses);
  const indexedTargets = `), counts AS (
  -- One index scan per running campaign (campaign_id, status), never a scan of every target.
  SELECT running.id AS campaign_id, json_object_agg(by_status.status, by_status.targets) AS counts
  FROM running
  CROSS JOIN LATERAL (
    SELECT ${quote(target.status)}::text AS status, count(*) AS targets
    FROM ${quote(settings.targets.table)}
    WHERE ${quote(target.campaignId)} = running.id
    GROUP BY 1) AS by_status
  GROUP BY 1
), moves AS (
  SELECT ${quote(target.campaignId)} AS campaign_id,
         count(*) FILTER (WHERE ${quote(target.updatedAt)} > now() - interval '5 minutes') AS advanced_5m,
         max(${quote(target.updatedAt)}) AS last_advance_at
  FROM ${quote(settings.targets.table)}
  WHERE ${quote(target.updatedAt)} > now() - interval '1 hour'
    AND ${quote(target.status)} NOT IN ${pending}
    AND ${quote(target.campaignId)} IN (SELECT id FROM running)
  GROUP BY 1
)`;
  // No index on the campaign column: one pass over the targets gives counts and moves together,
  // rather than one scan per running campaign and another for the moves.
  const scannedTargets = `), scanned AS MATERIALIZED (
  SELECT ${quote(target.campaignId)} AS campaign_id, ${quote(target.status)}::text AS status,
         count(*) AS targets,
         count(*) FILTER (WHERE ${quote(target.updatedAt)} > now() - interval '5 minutes'
                            AND ${quote(target.status)} NOT IN ${pending}) AS advanced_5m,
         max(${quote(target.updatedAt)}) FILTER (WHERE ${quote(target.updatedAt)} > now() - interval '1 hour'
                            AND ${quote(target.status)} NOT IN ${pending}) AS last_advance_at
  FROM ${quote(settings.targets.table)}
  WHERE ${quote(target.campaignId)} IN (SELECT id FROM running)
  GROUP BY 1, 2
), counts AS (
  SELECT campaign_id, json_object_agg(status, targets) AS counts FROM scanned GROUP BY 1
), moves AS (
  SELECT campaign_id, sum(advanced_5m) AS advanced_5m, max(last_advance_at) AS last_advance_at
  FROM scanned GROUP BY 1
)`;
  return `WITH running AS (
  SELECT ${quote(campaign.id)} AS id, ${quote(campaign.name)}::text AS name,
         ${quote(campaign.startedAt)} AS started_at
  FROM ${quote(settings.table)}
  WHERE ${quote(campaign.status)} = ${quoteLiteral(settings.runningStatus)}
  ORDER BY ${quote(campaign.startedAt)} DESC NULLS LAST LIMIT ${campaignLimit}
${options.targetsIndexed ? indexedTargets : scannedTargets}
SELECT running.id::text AS id, running.name, running.started_at,
       coalesce(counts.counts, '{}'::json) AS counts,
       coalesce(moves.advanced_5m, 0) AS advanced_5m, moves.last_advance_at,
       extract(epoch FROM now() - coalesce(moves.last_advance_at, running.started_at))::float8 AS quiet_seconds
FROM running
LEFT JOIN counts ON counts.campaign_id = running.id
LEFT JOIN moves ON moves.campaign_id = running.id
ORDER BY running.started_at DESC NULLS LAST`;
}
