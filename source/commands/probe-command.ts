import {resolveApplicationSettings} from '../config/application-settings';
import {loadConfig} from '../config/load-config';
import {CockpitError, UsageError} from '../errors';
import {applicationProbeJson} from '../probes/application/probe-json';
import {allProbes} from '../probes/probe-registry';
import type {ProbeDefinition} from '../probes/probe-types';
import {resolveConnectionTarget} from '../sources/connection-target';
import {PostgresLifeline} from '../sources/postgres-lifeline';
import {redactSecretsDeep} from '../text/redact-secrets';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import {journalSecrets} from './journal-secrets';

/** Flags of `cockpit probe`. */
export type ProbeFlags = {db?: string; config?: string; json: boolean};

/** One pane's entry in `cockpit probe --json`: its snapshot's fields beside ok/fetchedAt/error. */
export type ProbeReport = {
  ok: boolean;
  fetchedAt: string;
  durationMs: number;
  error?: string;
} & Record<string, unknown>;

/** Runs every probe once on a connected lifeline; one failing probe never stops the others. */
export async function probeAll(
  lifeline: PostgresLifeline,
  probes: readonly ProbeDefinition[] = allProbes(),
  rowLimit = 50,
): Promise<Record<string, ProbeReport>> {
  const context = {lifeline, serverVersion: () => lifeline.serverVersion ?? 0, rowLimit};
  const reports: Record<string, ProbeReport> = {};
  for (const probe of probes) {
    const startedAt = Date.now();
    try {
      const data = (await probe.run(context)) as Record<string, unknown>;
      const fetchedAt = Date.now();
      reports[probe.id] = {
        ok: true,
        fetchedAt: new Date(fetchedAt).toISOString(),
        durationMs: fetchedAt - startedAt,
        ...data,
      };
    } catch (error) {
      reports[probe.id] = {
        ok: false,
        fetchedAt: new Date().toISOString(),
        durationMs: Date.now() - startedAt,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }
  return reports;
}

/**
 * `cockpit probe`: one snapshot of every implemented pane, as text or JSON, then exit. The
 * database comes from `--db`, `DATABASE_URL` or the config file; there is no demo fallback.
 * Exit code 1 when the database cannot be reached or any pane failed.
 */
export async function runProbeCommand(
  flags: ProbeFlags,
  environment: NodeJS.ProcessEnv = process.env,
  write: (text: string) => void = (text) => void process.stdout.write(text),
  options: {connectWaitMs?: number} = {},
): Promise<number> {
  const connectWaitMs = options.connectWaitMs ?? 10_000;
  const {config} = await loadConfig({explicitPath: flags.config, environment});
  const target = resolveConnectionTarget(
    {flag: flags.db, configUrl: config.database?.url},
    environment,
  );
  if (!target) {
    throw new UsageError(
      'cockpit probe needs a database',
      'pass --db URL, set DATABASE_URL, PGHOST or PGSERVICE, or database.url in the config file',
    );
  }
  const application = resolveApplicationSettings(config, environment);
  await journalSecrets({
    environment,
    config,
    extraUrls: [target.connectionString],
    values: application.secrets,
  });
  const lifeline = new PostgresLifeline(target, {
    statementTimeoutMs: config.database?.statementTimeoutMs ?? 5000,
  });
  lifeline.start();
  try {
    await lifeline.waitUntilConnected(connectWaitMs).catch(() => {
      const status = lifeline.status;
      const last =
        status.kind === 'reconnecting'
          ? `last attempt: ${status.lastError}`
          : 'the server did not answer';
      throw new CockpitError(
        `cannot reach ${target.label}: no connection within ${connectWaitMs / 1000} s (${last})`,
        {
          hint: 'check the host and port in the URL, the network or firewall, and that PostgreSQL is up',
        },
      );
    });
    const probes = allProbes(application);
    const reports = await probeAll(lifeline, probes);
    if (flags.json) {
      write(
        `${terminalSafeJson(redactSecretsDeep(probeJson(target.label, lifeline.serverVersion, reports)))}\n`,
      );
    } else {
      write(
        `${sanitizeTerminalText(target.label)} (server_version_num ${lifeline.serverVersion})\n`,
      );
      for (const probe of probes) write(describeReport(probe, reports[probe.id]!));
    }
    return Object.values(reports).every((report) => report.ok) ? 0 : 1;
  } finally {
    await lifeline.close();
  }
}

/**
 * The `cockpit probe --json` document. Panes whose snapshot is one object (connections, locks,
 * dlq, email) carry `ok`, `fetchedAt`, `durationMs` and `error` inline; `campaigns` and
 * `integrations` are arrays (null when their probe failed). `panes` has the status of every pane.
 */
export function probeJson(
  label: string,
  serverVersion: number | undefined,
  reports: Record<string, ProbeReport>,
) {
  const document: Record<string, unknown> = {target: {label, serverVersion}};
  const panes: Record<string, unknown> = {};
  for (const [id, report] of Object.entries(reports)) {
    const {ok, fetchedAt, durationMs, error, ...snapshot} = report;
    panes[id] =
      error === undefined ? {ok, fetchedAt, durationMs} : {ok, fetchedAt, durationMs, error};
    if (arrayPanes.has(id)) document[id] = ok ? applicationProbeJson(id, snapshot) : null;
    else document[id] = report;
  }
  document.panes = panes;
  return document;
}

const arrayPanes = new Set(['campaigns', 'integrations']);

/**
 * JSON whose strings cannot drive a terminal: JSON.stringify escapes C0 controls but leaves C1
 * controls, bidirectional overrides and zero-width characters raw, and query text is
 * attacker-controlled. They are written as \\u escapes, so the JSON still parses to the same text.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function describeReport(probe: ProbeDefinition, report: ProbeReport): string {
  if (!report.ok) return `${probe.title}: failed: ${sanitizeTerminalText(report.error)}\n`;
  // An application pane whose table or column is missing ran fine but measured nothing.
  if (report.available === false)
    return `${probe.title}: not available: ${sanitizeTerminalText(String(report.reason))}\n`;
  const lines = probe.summarize?.(report) ?? [];
  return [
    `${probe.title}: ok in ${report.durationMs} ms`,
    ...lines.map((line) => `  ${sanitizeTerminalText(line)}`),
    '',
  ].join('\n');
}
