import type {Severity} from '../store/slices/incident-slice';

/** One row of the runbooks' severity table (runbook-servio.md, "Severity"). */
export type SeverityLevel = {
  severity: Severity;
  label: string;
  /** Time allowed to respond, in minutes. */
  responseMinutes: number;
  responseTime: string;
  escalation: string;
  /** How often the status page promises an update. */
  updateEvery: string;
};

/** The severity table the runbooks define. */
export const severityLevels: readonly SeverityLevel[] = [
  {
    severity: 'P0',
    label: 'Critical',
    responseMinutes: 15,
    responseTime: '15 min',
    escalation: 'CTO, all hands',
    updateEvery: '15 minutes',
  },
  {
    severity: 'P1',
    label: 'High',
    responseMinutes: 60,
    responseTime: '1 hour',
    escalation: 'Engineering lead',
    updateEvery: '30 minutes',
  },
  {
    severity: 'P2',
    label: 'Medium',
    responseMinutes: 240,
    responseTime: '4 hours',
    escalation: 'On-call engineer',
    updateEvery: '1 hour',
  },
  {
    severity: 'P3',
    label: 'Low',
    responseMinutes: 24 * 60,
    responseTime: '24 hours',
    escalation: 'Next business day',
    updateEvery: 'next business day',
  },
];

/** The table row of `severity`. */
export function severityLevelOf(severity: Severity): SeverityLevel {
  return severityLevels.find((level) => level.severity === severity)!;
}

/** Parses `P0`..`P3` (any case); undefined for anything else. */
export function parseSeverity(text: string | undefined): Severity | undefined {
  const upper = text?.trim().toUpperCase();
  return severityLevels.find((level) => level.severity === upper)?.severity;
}
