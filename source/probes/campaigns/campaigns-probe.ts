import type {CampaignSettings} from '../../config/application-settings';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {
  cachedSchemaCheck,
  describeQueryError,
  type TableRequirement,
} from '../application/schema-check';
import {checkedChangeToken} from '../application/table-change-token';
import type {ProbeDefinition} from '../probe-types';
import {campaignLimit, campaignSummarySql} from './campaigns-sql';

/** One running campaign's progress. */
export type CampaignProgress = {
  id: string;
  name: string;
  startedAt: string | null;
  /** Targets by status, e.g. `{pending: 2770, sent: 1200, failed: 30}`. */
  counts: Record<string, number>;
  total: number;
  pending: number;
  throughputPerMinute: number;
  /** Minutes until no target is pending at the current throughput; null when nothing moves. */
  etaMinutes: number | null;
  lastAdvanceAt: string | null;
  /** Seconds since a target last advanced (absent in journals of older versions). */
  quietSeconds?: number;
  /** Pending targets but none advanced for `stalledAfterMinutes`. */
  stalled: boolean;
};

/** The campaigns pane's data, or why the pane cannot show it. */
export type CampaignsSnapshot =
  | {
      available: true;
      campaigns: CampaignProgress[];
      stalledAfterMinutes: number;
      warnings: string[];
    }
  | {available: false; reason: string};

type CampaignRow = {
  id: string | number;
  name: string | null;
  started_at: Date | string | null;
  counts: Record<string, number | string> | null;
  advanced_5m: string | number;
  last_advance_at: Date | string | null;
  quiet_seconds?: number | null;
};

/** The tables and indexes the campaigns probe relies on. */
export function campaignRequirements(settings: CampaignSettings): TableRequirement[] {
  if (settings.query) return [];
  const prefix = 'panes.campaigns';
  return [
    {
      table: settings.table,
      tableKey: `${prefix}.table`,
      columns: Object.fromEntries(
        Object.entries(settings.columns).map(([key, column]) => [
          `${prefix}.columns.${key}`,
          column,
        ]),
      ),
      indexedColumns: [],
    },
    {
      table: settings.targets.table,
      tableKey: `${prefix}.targets.table`,
      columns: Object.fromEntries(
        Object.entries(settings.targets.columns).map(([key, column]) => [
          `${prefix}.targets.columns.${key}`,
          column,
        ]),
      ),
      indexedColumns: [settings.targets.columns.campaignId, settings.targets.columns.updatedAt],
    },
  ];
}

const asIso = (value: Date | string | null) =>
  value === null ? null : value instanceof Date ? value.toISOString() : String(value);

/** The campaigns probe (id `campaigns`): running campaigns, targets by status, throughput, ETA, stalls. */
export function createCampaignsProbe(
  settings: CampaignSettings,
  now: () => number = Date.now,
): ProbeDefinition<CampaignsSnapshot, 'campaigns'> {
  const schema = cachedSchemaCheck(() => campaignRequirements(settings), now);
  const pendingStatuses = new Set(settings.targets.pendingStatuses);
  return {
    id: 'campaigns',
    title: 'Campaigns',
    intervalMs: 5000,
    samples: (snapshot) =>
      snapshot.available
        ? {
            'campaigns.throughputPerMinute': snapshot.campaigns.reduce(
              (sum, campaign) => sum + campaign.throughputPerMinute,
              0,
            ),
          }
        : {},
    changeToken: ({lifeline}) =>
      checkedChangeToken(lifeline, schema, settings.query, () => [
        {table: settings.table},
        {table: settings.targets.table},
      ]),
    // A campaign whose targets stopped moving is the one to see: its quiet time keeps growing.
    carryForward: (snapshot, elapsedSeconds) =>
      snapshot.available
        ? {
            ...snapshot,
            campaigns: snapshot.campaigns.map((campaign) => {
              const quietSeconds = Math.round((campaign.quietSeconds ?? 0) + elapsedSeconds);
              return {
                ...campaign,
                quietSeconds,
                stalled: campaign.pending > 0 && quietSeconds >= snapshot.stalledAfterMinutes * 60,
              };
            }),
          }
        : snapshot,
    async run({lifeline}) {
      const check = await schema.get(lifeline);
      if (check.missing) return {available: false, reason: check.missing};
      let rows: CampaignRow[];
      try {
        const targetsIndexed = (check.indexed[settings.targets.table] ?? []).includes(
          settings.targets.columns.campaignId,
        );
        rows = (await lifeline.read<CampaignRow>(campaignSummarySql(settings, {targetsIndexed})))
          .rows;
      } catch (error) {
        schema.invalidate(error);
        throw describeQueryError(
          error,
          settings.query ? 'panes.campaigns.query' : 'panes.campaigns',
        );
      }
      const campaigns = rows.slice(0, campaignLimit).map((row): CampaignProgress => {
        const counts = Object.fromEntries(
          Object.entries(row.counts ?? {}).map(([status, count]) => [
            sanitizeTerminalText(status, {maxLength: 30}),
            Number(count),
          ]),
        );
        const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
        const pending = Object.entries(row.counts ?? {})
          .filter(([status]) => pendingStatuses.has(status))
          .reduce((sum, [, count]) => sum + Number(count), 0);
        const throughput = Number(row.advanced_5m) / 5;
        const lastAdvanceAt = asIso(row.last_advance_at);
        const startedAt = asIso(row.started_at);
        // The server's clock decides when it can (quiet_seconds); a whole query may leave it out.
        const quietSeconds =
          row.quiet_seconds ?? (now() - (Date.parse(lastAdvanceAt ?? startedAt ?? '') || 0)) / 1000;
        return {
          id: sanitizeTerminalText(row.id, {maxLength: 40}),
          name: sanitizeTerminalText(row.name ?? '', {maxLength: 80}),
          startedAt,
          counts,
          total,
          pending,
          throughputPerMinute: throughput,
          etaMinutes: pending === 0 ? 0 : throughput > 0 ? pending / throughput : null,
          lastAdvanceAt,
          quietSeconds: Math.max(0, Math.round(quietSeconds)),
          stalled: pending > 0 && quietSeconds >= settings.stalledAfterMinutes * 60,
        };
      });
      return {
        available: true,
        campaigns,
        stalledAfterMinutes: settings.stalledAfterMinutes,
        warnings: check.warnings,
      };
    },
  };
}
