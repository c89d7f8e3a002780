import {JSONPath} from 'jsonpath-plus';
import type {ProbeDefinition} from '../probes/probe-types';
import {redactSecrets} from '../text/redact-secrets';
import type {SignalSettings} from './signal-settings';

/** One reading of a signal: a number, or a number per label (the worst one is its value). */
export type SignalSnapshot = {
  name: string;
  title: string;
  unit: string;
  value: number | null;
  labels: Array<{label: string; value: number}>;
};

const maxLabels = 20;

function numberFrom(raw: unknown, values: Record<string, number> = {}): number | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (typeof raw === 'string') {
    if (raw in values) return values[raw];
    if (raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  }
  if (typeof raw === 'bigint') return Number(raw);
  return undefined;
}

/** Rows of one numeric column, or (label, number) rows; the worst label is the value. */
export function snapshotOfRows(
  signal: SignalSettings,
  rows: ReadonlyArray<Record<string, unknown>>,
  fields: readonly string[],
): SignalSnapshot {
  const base = {name: signal.name, title: signal.title, unit: signal.unit};
  if (fields.length === 0 || rows.length === 0) return {...base, value: null, labels: []};
  const valueField = fields[fields.length - 1]!;
  if (fields.length === 1) {
    const value = numberFrom(rows[0]![valueField]);
    if (value === undefined) throw new Error(`the query's column ${valueField} is not a number`);
    return {...base, value, labels: []};
  }
  const labels = rows.slice(0, maxLabels).map((row) => {
    const value = numberFrom(row[valueField]);
    if (value === undefined)
      throw new Error(`the query's last column ${valueField} is not a number`);
    return {label: String(row[fields[0]!] ?? 'null'), value};
  });
  const worst = signal.direction === 'above' ? Math.max : Math.min;
  return {...base, value: worst(...labels.map((item) => item.value)), labels};
}

async function readSql(
  signal: SignalSettings & {source: {kind: 'sql'}},
  context: Parameters<ProbeDefinition['run']>[0],
) {
  // The parser is loaded on demand; the query must be a plain read, checked once.
  const [{loadSqlParser}, {classifySql}] = await Promise.all([
    import('../runbooks/sql-parser'),
    import('../runbooks/sql-classifier'),
  ]);
  await loadSqlParser();
  const classification = classifySql(signal.source.sql);
  if (classification.sqlClass !== 'read')
    throw new Error(
      classification.sqlClass === 'unparseable'
        ? `signal SQL does not parse: ${classification.error}`
        : `signal SQL must be a plain read (it is a ${classification.sqlClass})`,
    );
  const [result] = await context.lifeline.transaction([signal.source.sql], {readOnly: true});
  return snapshotOfRows(signal, result?.rows ?? [], result?.fields ?? []);
}

async function readHttp(
  signal: SignalSettings & {source: {kind: 'http'}},
): Promise<SignalSnapshot> {
  const {url, headers, timeoutMs, path, values} = signal.source;
  const secrets = Object.values(headers);
  let response: Response;
  try {
    response = await fetch(url, {headers, signal: AbortSignal.timeout(timeoutMs)});
  } catch (error) {
    const name = (error as {name?: string}).name;
    throw new Error(
      name === 'TimeoutError' || name === 'AbortError'
        ? `no answer within ${timeoutMs} ms`
        : redactSecrets(
            `${(error as Error).message}${(error as Error).cause instanceof Error ? ` (${((error as Error).cause as Error).message})` : ''}`,
            secrets,
          ),
    );
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`HTTP ${response.status}`);
  }
  const text = (await response.text()).slice(0, 1024 * 1024);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('the answer is not JSON');
  }
  const found = JSONPath({path, json: json as object, wrap: false, eval: false}) as unknown;
  const value = numberFrom(Array.isArray(found) ? found[0] : found, values);
  if (value === undefined)
    throw new Error(
      `no number at ${path} (found ${found === undefined ? 'nothing' : typeof found})`,
    );
  return {name: signal.name, title: signal.title, unit: signal.unit, value, labels: []};
}

/** The probe of one signal (`signal:NAME`): its reading, and the value kept for the sparkline. */
export function createSignalProbe(signal: SignalSettings): ProbeDefinition<SignalSnapshot> {
  return {
    id: signal.id,
    title: `Signal ${signal.title}`,
    intervalMs: signal.intervalMs,
    run: (context) =>
      signal.source.kind === 'sql'
        ? readSql(signal as SignalSettings & {source: {kind: 'sql'}}, context)
        : readHttp(signal as SignalSettings & {source: {kind: 'http'}}),
    samples: (snapshot) => (snapshot.value === null ? {} : {[signal.id]: snapshot.value}),
    summarize: (snapshot) => [
      `${snapshot.value ?? 'no value'}${snapshot.unit ? ` ${snapshot.unit}` : ''}${snapshot.labels.length > 0 ? ` (worst of ${snapshot.labels.length} labels)` : ''}`,
    ],
  };
}
