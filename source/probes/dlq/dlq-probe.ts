import type {DeadLetterSettings} from '../../config/application-settings';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {
  chooseRecentWindow,
  KeyWindowStart,
  recentWindowWarnings,
  windowFound,
} from '../application/recent-window';
import {readSafeText} from '../application/safe-text';
import {
  cachedSchemaCheck,
  describeQueryError,
  type TableRequirement,
} from '../application/schema-check';
import {
  firstTableCounters,
  mappedTableChangeToken,
  type TableCounters,
} from '../application/table-change-token';
import type {ProbeDefinition} from '../probe-types';
import {
  deadLetterSource,
  deadLetterSummarySql,
  deadLetterWindowSql,
  depthEstimateSql,
} from './dlq-sql';
import {RemovalRate} from './removal-rate';

/** The planner's depth estimate is asked for at most this often (it moves with ANALYZE). */
const estimateEveryMs = 60_000;

/**
 * A queue table of up to this many pages (1 MB, about a millisecond to count) is counted on
 * every read; a bigger one once a minute, or as soon as rows may have left the queue (see
 * `mayHaveShrunk`). Counting a 16 MB table took 20 ms of the read's 30, six times a minute: a third
 * of pg_activity's database time for one number, which, while rows only arrive, the arrivals of
 * the last minute (read every time) tell the trend of.
 */
const countEveryReadMaxPages = 128;
const recountEveryMs = 60_000;

/**
 * Whether rows may have left the queue between two readings of the table's counters: updates
 * or deletes (a requeue, a purge), or fewer live rows (a TRUNCATE). Unknown counters say yes.
 */
function mayHaveShrunk(
  before: TableCounters | undefined,
  after: TableCounters | undefined,
): boolean {
  return (
    !before ||
    !after ||
    after.updated !== before.updated ||
    after.deleted !== before.deleted ||
    after.live < before.live
  );
}

/** One error class: messages of one source whose errors start alike, in the last hour. */
export type DeadLetterClass = {
  /** Selects this class in actions (an md5 of the raw source and class). */
  key: string;
  source: string;
  errorClass: string;
  count: number;
  lastAt: string;
};

/** One recent message, its payload summarised (never whole). */
export type DeadLetterMessage = {
  id: string;
  source: string;
  error: string;
  errorClass: string;
  createdAt: string;
  payloadSummary: string;
  payloadBytes: number | null;
};

/** The dead-letter pane's data, or why the pane cannot show it. */
export type DeadLetterSnapshot =
  | {
      available: true;
      depth: number;
      /** True when `depth` is the planner's estimate (big tables) rather than a count. */
      depthIsEstimate: boolean;
      /** When the count `depth` comes from was made, if before this read (ms since epoch). */
      depthCountedAt: number | null;
      arrivalsLastMinute: number;
      arrivalsPerMinute: number;
      /** Null when neither a requeue timestamp index nor two exact depths give it. */
      removalsPerMinute: number | null;
      oldestAgeSeconds: number | null;
      classes: DeadLetterClass[];
      recent: DeadLetterMessage[];
      warnings: string[];
    }
  | {available: false; reason: string};

type SummaryRow = {
  window_rows?: number;
  window_seconds?: number | null;
  window_out_of_order?: boolean;
  window_start_key?: string | null;
  exact_depth: string | null;
  arrivals_1m: string;
  arrivals_5m: string;
  removals_5m: string | null;
  oldest_age_seconds: number | null;
  classes: Array<{
    source: string | null;
    error_class: string;
    key: string;
    count: number;
    last_at: string;
  }>;
  sample: Array<{
    id: string;
    source: string | null;
    error: string | null;
    error_class: string;
    created_at: string;
    payload_summary: string | null;
    payload_bytes: number | null;
  }>;
};

const clean = (text: unknown, maxLength = 200) => sanitizeTerminalText(text, {maxLength});

/** The tables and indexes the dead-letter probe relies on (none for a whole query). */
export function deadLetterRequirements(settings: DeadLetterSettings): TableRequirement[] {
  if (settings.query) return [];
  const {columns, deadLetterWhen} = settings;
  const named: Record<string, string | null> = {
    'panes.dlq.columns.id': columns.id,
    'panes.dlq.columns.source': columns.source,
    'panes.dlq.columns.error': columns.error,
    'panes.dlq.columns.payload': columns.payload,
    'panes.dlq.columns.createdAt': columns.createdAt,
    'panes.dlq.columns.retriedAt': columns.retriedAt,
    'panes.dlq.deadLetterWhen.column': deadLetterWhen?.column ?? null,
  };
  return [
    {
      table: settings.table,
      tableKey: 'panes.dlq.table',
      columns: Object.fromEntries(
        Object.entries(named).filter((entry): entry is [string, string] => entry[1] !== null),
      ),
      indexedColumns: [columns.createdAt],
    },
  ];
}

/** The dead-letter queue probe (id `dlq`): cheap on big tables, payloads summarised server side. */
export function createDeadLetterProbe(
  settings: DeadLetterSettings,
  now: () => number = Date.now,
): ProbeDefinition<DeadLetterSnapshot, 'dlq'> {
  const schema = cachedSchemaCheck(() => deadLetterRequirements(settings), now);
  const removalRate = new RemovalRate();
  const windowStart = new KeyWindowStart();
  let estimate: {at: number; depth: number} | undefined;
  /** The last count of the whole queue, and what the reads since have derived from it. */
  let lastCount:
    | {
        at: number;
        depth: number;
        oldestAgeSeconds: number | null;
        removalsPerMinute: number | null;
        counters: TableCounters | undefined;
      }
    | undefined;
  /** The table's counters as the change token read them just before this run. */
  let counters: TableCounters | undefined;
  return {
    id: 'dlq',
    title: 'Dead letters',
    intervalMs: 5000,
    // A depth carried from an earlier count is not a new sample of it.
    samples: (snapshot) =>
      snapshot.available
        ? {
            ...(snapshot.depthCountedAt === null ? {'dlq.depth': snapshot.depth} : {}),
            'dlq.arrivalsPerMinute': snapshot.arrivalsLastMinute,
          }
        : {},
    changeToken: async ({lifeline}) => {
      counters = undefined;
      const token = await mappedTableChangeToken(lifeline, schema, settings);
      counters = firstTableCounters(token);
      return token;
    },
    carryForward: (snapshot, elapsedSeconds) =>
      snapshot.available && snapshot.oldestAgeSeconds !== null
        ? {...snapshot, oldestAgeSeconds: snapshot.oldestAgeSeconds + elapsedSeconds}
        : snapshot,
    async run({lifeline, rowLimit, serverVersion}) {
      const check = await schema.get(lifeline);
      if (check.missing) return {available: false, reason: check.missing};
      // Removals are counted from the requeue timestamp only when an index makes that cheap.
      const retriedAt = settings.query ? null : settings.columns.retriedAt;
      const removalsColumn =
        retriedAt && check.indexed[settings.table]?.includes(retriedAt) ? retriedAt : undefined;
      const queueColumns = [retriedAt, settings.deadLetterWhen?.column].filter(Boolean) as string[];
      const oldestIndexed =
        queueColumns.length === 0 ||
        (check.partial[settings.table] ?? []).some(
          (index) =>
            index.startsWith(`${settings.columns.createdAt} WHERE `) &&
            queueColumns.some((column) => index.includes(column)),
        );
      const fullWindow = settings.query
        ? undefined
        : chooseRecentWindow(check, settings.table, settings.columns, serverVersion());
      const sampleSize = Math.min(rowLimit, 30);
      const pages = check.pages[settings.table]?.pages ?? Number.POSITIVE_INFINITY;
      const countWhole =
        !lastCount ||
        pages <= countEveryReadMaxPages ||
        now() - lastCount.at >= recountEveryMs ||
        mayHaveShrunk(lastCount.counters, counters);
      // The window's read then leaves the count out: the depth, and what follows from it, are
      // the last count's, said to be so.
      const carried = fullWindow !== undefined && !countWhole ? lastCount : undefined;
      const summarySql = (window: typeof fullWindow) =>
        window
          ? deadLetterWindowSql(settings, {
              sampleSize,
              removalsColumn,
              oldestIndexed,
              window,
              countWhole,
            })
          : deadLetterSummarySql(settings, {sampleSize, removalsColumn, oldestIndexed});
      let window = fullWindow;
      let row: SummaryRow;
      try {
        ({row, window} = await windowStart.read(
          fullWindow,
          async (narrowed) => (await lifeline.read<SummaryRow>(summarySql(narrowed))).rows[0]!,
        ));
        // Only a table too big to count needs the planner's estimate, and not on every refresh.
        const counted =
          row.exact_depth !== null && !(settings.query && Number(row.exact_depth) > 10_000);
        if (!counted && !carried && (!estimate || now() - estimate.at >= estimateEveryMs)) {
          const plan = (await lifeline.read(depthEstimateSql(deadLetterSource(settings))))
            .rows[0] as {
            'QUERY PLAN': Array<{Plan: {'Plan Rows': number}}>;
          };
          estimate = {at: now(), depth: Math.round(plan['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0)};
        }
      } catch (error) {
        schema.invalidate(error);
        throw describeQueryError(error, settings.query ? 'panes.dlq.query' : 'panes.dlq');
      }
      const exact = row.exact_depth === null ? undefined : Number(row.exact_depth);
      const boundedOut = settings.query !== undefined && exact !== undefined && exact > 10_000;
      const arrivals5m = Number(row.arrivals_5m);
      const windowWarnings = recentWindowWarnings(
        check.warnings,
        settings.table,
        settings.columns.createdAt,
        window,
        windowFound(row),
      );
      const exactDepth = exact !== undefined && !boundedOut ? exact : undefined;
      const derived = carried
        ? carried.removalsPerMinute
        : removalRate.update(now(), exactDepth, arrivals5m / 5);
      const removalsPerMinute = row.removals_5m !== null ? Number(row.removals_5m) / 5 : derived;
      const depthIsEstimate = !carried && exactDepth === undefined;
      const depth = carried?.depth ?? exactDepth ?? estimate?.depth ?? 0;
      const oldestAgeSeconds =
        carried && !oldestIndexed
          ? carried.oldestAgeSeconds === null
            ? null
            : carried.oldestAgeSeconds + (now() - carried.at) / 1000
          : row.oldest_age_seconds;
      if (fullWindow !== undefined && countWhole)
        lastCount =
          exactDepth === undefined
            ? undefined
            : {
                at: now(),
                depth: exactDepth,
                oldestAgeSeconds,
                removalsPerMinute: derived,
                counters,
              };
      return {
        available: true,
        depth,
        depthIsEstimate,
        depthCountedAt: carried ? carried.at : null,
        arrivalsLastMinute: Number(row.arrivals_1m),
        arrivalsPerMinute: arrivals5m / 5,
        removalsPerMinute,
        oldestAgeSeconds,
        classes: row.classes.map((entry) => ({
          key: clean(entry.key, 32),
          source: clean(readSafeText(entry.source) ?? '–', 60),
          errorClass: clean(readSafeText(entry.error_class) ?? '', 60),
          count: entry.count,
          lastAt: entry.last_at,
        })),
        recent: row.sample.map((message) => ({
          id: clean(readSafeText(message.id) ?? '', 40),
          source: clean(readSafeText(message.source) ?? '–', 60),
          error: clean(readSafeText(message.error) ?? ''),
          errorClass: clean(readSafeText(message.error_class) ?? '', 60),
          createdAt: message.created_at,
          payloadSummary: clean(readSafeText(message.payload_summary) ?? '', 400),
          payloadBytes: message.payload_bytes,
        })),
        warnings:
          depthIsEstimate && !oldestIndexed && !settings.query
            ? [
                ...windowWarnings,
                `oldest age needs a partial index: CREATE INDEX ON ${settings.table} (${settings.columns.createdAt}) WHERE ${settings.deadLetterWhen ? deadLetterSource(settings).inQueue : `${retriedAt} IS NULL`}`,
              ]
            : windowWarnings,
      };
    },
  };
}
