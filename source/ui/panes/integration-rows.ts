import type {IntegrationsSnapshot} from '../../probes/integrations/integrations-probe';
import {formatDuration} from '../../text/format';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import type {Tone} from '../theme';
import type {TableRow} from '../widgets/DataTable';
import type {Column} from '../widgets/data-table-layout';

type Available = Extract<IntegrationsSnapshot, {available: true}>;

/** Columns of the integrations table. */
export const integrationColumns: readonly Column[] = [
  {key: 'name', title: 'Integration', width: 16},
  {key: 'status', title: 'Status', width: 12},
  {key: 'latency', title: 'Latency', width: 8, align: 'right'},
  {key: 'error', title: 'Last error', width: 16, grow: true, priority: 1},
];

const toneOfStatus: Record<string, Tone> = {
  ok: 'status.ok',
  degraded: 'status.warn',
  'rate-limited': 'status.warn',
  down: 'status.critical',
  unconfigured: 'text.muted',
};

/** One row per edge function and health URL. */
export function integrationRows(snapshot: Available, now: number): TableRow[] {
  return snapshot.integrations.map((entry) => {
    const code = entry.httpStatus === null ? '' : ` ${entry.httpStatus}`;
    const retry =
      entry.retryAfterSeconds === null
        ? ''
        : ` retry in ${formatDuration(entry.retryAfterSeconds)}`;
    const errorAge = entry.lastErrorAt === null ? undefined : (now - entry.lastErrorAt) / 1000;
    const when =
      errorAge === undefined ? '' : errorAge < 1 ? ' (now)' : ` (${formatDuration(errorAge)} ago)`;
    return {
      id: `${entry.kind}:${entry.name}`,
      cells: {
        name: sanitizeTerminalText(entry.kind === 'http' ? entry.name : `ƒ ${entry.name}`, {
          maxLength: 40,
        }),
        status: `${entry.status}${code}`,
        latency: entry.latencyMs === null ? '–' : `${entry.latencyMs}ms`,
        error: entry.lastError
          ? `${sanitizeTerminalText(entry.lastError, {maxLength: 160})}${when}${retry}`
          : retry.trim(),
      },
      tone: toneOfStatus[entry.status],
    };
  });
}
