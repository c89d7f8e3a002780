import type {CampaignsSnapshot} from '../probes/campaigns/campaigns-probe';
import type {ConnectionsSnapshot} from '../probes/connections/connections-probe';
import type {DeadLetterSnapshot} from '../probes/dlq/dlq-probe';
import type {EmailSnapshot} from '../probes/emails/emails-probe';
import type {IntegrationsSnapshot} from '../probes/integrations/integrations-probe';
import type {LocksSnapshot} from '../probes/locks/locks-probe';
import {suggestRunbooks} from '../runbooks/runbook-suggestions';
import type {CockpitState} from '../store/cockpit-store';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';

/**
 * How much room a region asks for, in terminal rows with its borders: `desired` shows all it
 * has, `minimum` is the least that is still useful. `collapsed` is set when it has nothing to
 * report (or its table is missing): the region is then one line saying so.
 */
export type RegionDemand = {
  desired: number;
  minimum: number;
  collapsed?: string;
  /** The one line shown if there is no room for it at all (defaults to its title). */
  squeezed?: string;
  /** An alert about what this region shows is active: it gets room before the quiet ones. */
  alerting?: boolean;
};

/** Which region each alert rule is about. */
const regionOfRule: Record<string, string> = {
  'connection-saturation': 'connections',
  'idle-in-transaction': 'connections',
  'long-running-query': 'connections',
  'blocked-sessions': 'locks',
  'dlq-growth': 'dlq',
  'email-failure-rate': 'emails',
  'campaign-stalled': 'campaigns',
  'function-down': 'integrations',
  'function-rate-limited': 'integrations',
};

/** Rows a pane needs beyond its content: the two border lines. */
const frame = 2;

type Probe = {data?: unknown; error?: string};
type Available<S> = Extract<S, {available: true}>;

/** Demand of an application pane: one line when its table is missing or there is nothing to report. */
function applicationDemand<S extends {available: boolean}>(
  probe: Probe | undefined,
  title: string,
  measure: (snapshot: Available<S>) => {rows: number; quiet?: string},
): RegionDemand {
  const error = probe?.error ? 1 : 0;
  const snapshot = probe?.data as S | undefined;
  if (!snapshot) return {desired: frame + 1 + error, minimum: frame + 1};
  if (!snapshot.available) {
    const reason = (snapshot as unknown as {reason: string}).reason;
    return {
      desired: 1,
      minimum: 1,
      collapsed: `${title} · ${sanitizeTerminalText(reason, {maxLength: 120})}`,
    };
  }
  const {rows, quiet} = measure(snapshot as Available<S>);
  const warnings = ((snapshot as {warnings?: string[]}).warnings ?? []).slice(0, 2).length;
  if (quiet && !error && warnings === 0)
    return {desired: 1, minimum: 1, collapsed: `${title} · ${quiet}`};
  // Five lines show a summary, a table header and the first rows: less says nothing.
  const desired = frame + error + warnings + rows;
  return {desired, minimum: Math.min(desired, frame + 5), squeezed: `${title} · Tab to see`};
}

/** What every region asks for, from the data it would show. Pure: tested without Ink. */
export function regionDemands(state: CockpitState): Record<string, RegionDemand> {
  const probes = state.probes as Record<string, Probe | undefined>;
  const alerting = new Set(state.alerts.map((alert) => regionOfRule[alert.ruleId]));
  const connections = probes.connections?.data as ConnectionsSnapshot | undefined;
  const locks = probes.locks?.data as LocksSnapshot | undefined;
  const lockRows = locks
    ? locks.chains.reduce((sum, chain) => sum + 1 + chain.waiters.length, 0)
    : 0;
  const demands: Record<string, RegionDemand> = {
    // Gauge, states, group line, table header and every session.
    connections: {
      desired:
        frame + 4 + (connections?.sessions?.length ?? 1) + (probes.connections?.error ? 1 : 0),
      minimum: frame + 2 + 6,
    },
    // Table header and the tree, or its "no blocking chains" line.
    locks: {
      desired: frame + 1 + Math.max(1, lockRows) + (probes.locks?.error ? 1 : 0),
      minimum: frame + 1 + Math.min(3, Math.max(1, lockRows)),
    },
    dlq: applicationDemand<DeadLetterSnapshot>(probes.dlq, 'Dead letters', (dlq) => ({
      rows: 2 + 1 + Math.max(1, dlq.classes.length),
      quiet: dlq.depth === 0 && dlq.classes.length === 0 ? 'queue is empty' : undefined,
    })),
    emails: applicationDemand<EmailSnapshot>(probes.email, 'Failed emails', (email) => ({
      rows: 2 + 1 + 1 + email.byErrorClass.length + email.byDomain.length,
      quiet:
        email.failedLastHour === 0 && email.backlog === 0
          ? `none failed in the last hour · sent ${email.sentPerMinute.toFixed(1)}/min`
          : undefined,
    })),
    campaigns: applicationDemand<CampaignsSnapshot>(probes.campaigns, 'Campaigns', (c) => ({
      rows: 1 + c.campaigns.length,
      quiet: c.campaigns.length === 0 ? 'none running' : undefined,
    })),
    // One line per function at least: the table header and each integration.
    integrations: applicationDemand<IntegrationsSnapshot>(
      probes.integrations,
      'Integrations',
      (integrations) => ({
        rows: 1 + integrations.integrations.length,
        quiet: integrations.integrations.length === 0 ? 'none configured' : undefined,
      }),
    ),
    runbook: runbookDemand(state),
    timeline: {
      desired: frame + Math.min(12, Math.max(1, state.timeline.length)),
      minimum: frame + 1,
      collapsed: state.timeline.length === 0 ? 'Timeline · nothing has happened yet' : undefined,
      squeezed: `Timeline · ${sanitizeTerminalText(state.timeline.at(-1)?.text ?? '', {maxLength: 100})}`,
    },
  };
  // An integrations pane must keep one line per function.
  const integrations = demands.integrations!;
  if (!integrations.collapsed) integrations.minimum = integrations.desired;
  for (const [id, demand] of Object.entries(demands)) if (alerting.has(id)) demand.alerting = true;
  return demands;
}

function runbookDemand(state: CockpitState): RegionDemand {
  if (state.runbook.openRunbookId)
    return {desired: 18, minimum: 8, squeezed: 'Runbook · open (Tab to see)'};
  const active = state.alerts.map((alert) => alert.ruleId);
  const suggested = suggestRunbooks(state.runbook.library, active).filter(
    (entry) => entry.suggested,
  );
  if (suggested.length > 0)
    return {
      // The region keeps a line for "b opens one" and one spare above its suggestions.
      desired: frame + 2 + suggested.length,
      minimum: frame + 3,
      squeezed: `Runbook · ${suggested.length} suggested (b opens one)`,
    };
  return {
    desired: 1,
    minimum: 1,
    collapsed:
      state.runbook.library.length === 0
        ? 'Runbook · none loaded'
        : `Runbook · none open (b opens one of ${state.runbook.library.length})`,
  };
}
