import {describeEvent, kindOf} from '../incidents/describe-event';
import type {JournalEvent} from '../journal/journal-event';

const actionWords: Record<string, string> = {
  requeue: 'Requeued dead letters',
  retry: 'Retried emails',
  'stop-campaign': 'Stopped a campaign',
  cancel: 'Cancelled a query',
  terminate: 'Terminated a session',
  cancelled: 'Not confirmed',
};

const kindWords: Record<string, string> = {
  'alert.raised': 'Alert',
  'alert.cleared': 'Alert cleared',
  'alert.escalated': 'Alert worse',
  'alert.deescalated': 'Alert easing',
  'probe.outage': 'Probe failing',
  'probe.recovered': 'Probe recovered',
  'database.outage': 'Database unreachable',
  'database.recovered': 'Database reachable again',
  'viewer.joined': 'Viewer joined',
  'viewer.left': 'Viewer left',
  'runbook.step.done': 'Runbook step done',
  'runbook.step.skipped': 'Runbook step skipped',
  'runbook.step.failed': 'Runbook step failed',
  'runbook.step.started': 'Runbook step started',
  'runbook.step.run': 'Runbook step run',
};

/** What a timeline kind (`action.retry`, `runbook.step.done`, …) is called in the report. */
export function kindLabel(kind: string): string {
  if (kindWords[kind]) return kindWords[kind];
  if (kind.startsWith('action.')) {
    const action = kind.slice('action.'.length);
    return actionWords[action] ?? `Action: ${action.replaceAll('-', ' ')}`;
  }
  if (kind.startsWith('runbook.step.')) return `Runbook step ${kind.slice('runbook.step.'.length)}`;
  return kind;
}

/** The action a `not confirmed` event was about, from either writer's field for it. */
function cancelledActionOf(event: JournalEvent): string | undefined {
  const kind = event.data.cancelledKind;
  return typeof kind === 'string' ? kindLabel(kind).toLowerCase() : undefined;
}

/** The event's text without a leading word its label already says (`cancelled: …`). */
function withoutRepeatedLead(text: string): string {
  return text.replace(/^(cancelled|not confirmed):\s*/i, '');
}

/** The label of one event: for a declined action, which action it was. */
export function eventLabel(event: JournalEvent): string {
  const kind = kindOf(event);
  if (kind !== 'action.cancelled') return kindLabel(kind);
  const what = cancelledActionOf(event);
  return `Not confirmed${what ? ` (${what})` : ''}`;
}

/** What happened, without a leading word the label already says. Raw: escape before use. */
export function eventText(event: JournalEvent): string {
  const text = describeEvent(event);
  return kindOf(event) === 'action.cancelled' ? withoutRepeatedLead(text) : text;
}

/** The text an action journaled, without a leading word its label already says. */
export function actionText(event: JournalEvent, text: string): string {
  return kindOf(event) === 'action.cancelled' ? withoutRepeatedLead(text) : text;
}

/** One line for the report's timeline: a label, then what happened. Raw: escape before use. */
export function reportLine(event: JournalEvent): string {
  return `${eventLabel(event)}: ${eventText(event)}`;
}

/** The result of an action or step from whichever fields its writer journaled. */
export function actionResultOf(event: JournalEvent): string | undefined {
  const data = event.data;
  if (kindOf(event) === 'action.cancelled') return 'not run: declined at the confirmation';
  const string = (value: unknown) =>
    value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
  const stated = string(data.outcome ?? data.result ?? data.reason ?? data.error);
  if (stated) return stated;
  if (Array.isArray(data.rowCounts)) {
    const rows = data.rowCounts.reduce(
      (sum: number, count) => sum + (typeof count === 'number' ? count : 0),
      0,
    );
    return `${data.ok === false ? 'failed after ' : ''}${rows} row(s) changed`;
  }
  if (typeof data.httpStatus === 'number')
    return `${data.ok === false ? 'failed: ' : ''}HTTP ${data.httpStatus}`;
  if (data.ok === false) return 'failed';
  return undefined;
}
