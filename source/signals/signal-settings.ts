import type {SignalConfig} from '../config/signal-config';
import {UsageError} from '../errors';
import {resolveSchemaNames, type SchemaNames} from '../runbooks/schema-names';

/** A signal with its defaults filled in, ready for its probe and its alert rule. */
export type SignalSettings = {
  name: string;
  /** The id of its probe, its history series and its alert rule: `signal:NAME`. */
  id: string;
  title: string;
  source:
    | {kind: 'sql'; sql: string}
    | {
        kind: 'http';
        url: string;
        /** Header values, read from the environment; secrets. */
        headers: Record<string, string>;
        timeoutMs: number;
        path: string;
        values: Record<string, number>;
      };
  unit: string;
  warn: number;
  critical: number | undefined;
  clear: number;
  direction: 'above' | 'below';
  rate: boolean;
  runbook: string | undefined;
  intervalMs: number;
};

/** The alert rule id of a signal, which runbook `triggers` may name. */
export const signalRuleId = (name: string) => `signal:${name}`;

/**
 * Resolves the configured signals: `{{tables.…}}` names in their SQL, header values from the
 * environment (a missing variable is a configuration error), default hysteresis.
 */
export function resolveSignals(
  configured: readonly SignalConfig[],
  names: SchemaNames,
  environment: NodeJS.ProcessEnv,
): SignalSettings[] {
  const seen = new Set<string>();
  return configured.map((signal, index) => {
    if (seen.has(signal.name))
      throw new UsageError(`signals[${index}]: the name "${signal.name}" is used twice`);
    seen.add(signal.name);
    const direction = signal.direction ?? 'above';
    const clear = signal.clear ?? (direction === 'above' ? signal.warn * 0.8 : signal.warn * 1.25);
    let source: SignalSettings['source'];
    if (signal.sql !== undefined) {
      const resolved = resolveSchemaNames(signal.sql, names);
      if (resolved.errors.length > 0)
        throw new UsageError(`signals[${index}] (${signal.name}): ${resolved.errors[0]}`);
      source = {kind: 'sql', sql: resolved.sql};
    } else {
      const http = signal.http!;
      const headers: Record<string, string> = {};
      for (const [header, from] of Object.entries(http.headers ?? {})) {
        const value = environment[from.env];
        if (value === undefined)
          throw new UsageError(
            `signals[${index}] (${signal.name}): header ${header} reads \${${from.env}}, which is not set`,
          );
        headers[header] = `${from.prefix ?? ''}${value}`;
      }
      source = {
        kind: 'http',
        url: http.url,
        headers,
        timeoutMs: http.timeoutMs ?? 3000,
        path: signal.path!,
        values: signal.values ?? {},
      };
    }
    return {
      name: signal.name,
      id: signalRuleId(signal.name),
      title: signal.title ?? signal.name,
      source,
      unit: signal.unit ?? '',
      warn: signal.warn,
      critical: signal.critical,
      clear,
      direction,
      rate: signal.rate ?? false,
      runbook: signal.runbook,
      intervalMs: Math.round((signal.intervalSeconds ?? 15) * 1000),
    };
  });
}

/** Header values of HTTP signals: never shown, journaled or shared. */
export function signalSecrets(signals: readonly SignalSettings[]): string[] {
  return signals.flatMap((signal) =>
    signal.source.kind === 'http'
      ? Object.values(signal.source.headers).flatMap((value) => [
          value,
          ...value.split(' ').filter((part, index) => index > 0 && part.length >= 8),
        ])
      : [],
  );
}
