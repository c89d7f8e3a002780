import type {JournalEvent} from '../journal/journal-event';

/** The kinds the timeline filters by. */
export type EventCategory = 'alerts' | 'actions' | 'notes' | 'steps' | 'incident';

/** Which filter an event kind belongs to. */
export function categoryOf(kind: string): EventCategory {
  if (kind.startsWith('alert.') || kind.startsWith('probe.') || kind.startsWith('database.'))
    return 'alerts';
  if (kind.startsWith('action')) return 'actions';
  if (kind.startsWith('note')) return 'notes';
  if (kind.startsWith('runbook.step')) return 'steps';
  return 'incident';
}

/** A finer kind than the type: `action.terminate`, `runbook.step.done`, `note`. */
export function kindOf(event: JournalEvent): string {
  const data = event.data;
  if (event.type === 'action' && typeof data.action === 'string') return `action.${data.action}`;
  if (event.type === 'runbook.step' && typeof data.state === 'string')
    return `runbook.step.${data.state}`;
  if (event.type === 'event' && typeof data.kind === 'string') return data.kind;
  return event.type;
}

/** One line saying what happened (raw text: sanitise before printing). */
export function describeEvent(event: JournalEvent): string {
  const data = event.data;
  const said = typeof data.text === 'string' ? data.text : undefined;
  const str = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  switch (event.type) {
    case 'opened':
      return `incident opened: ${str(data.title)} (${str(data.severity)})`;
    case 'severity.changed':
      return `severity ${str(data.from)} → ${str(data.to)}`;
    case 'status.changed':
      return `status ${str(data.from)} → ${str(data.to)}`;
    case 'role.assigned':
      return `${str(data.role)}: ${str(data.person)}`;
    case 'impact.set':
      return `impact: ${str(data.impact)}`;
    case 'milestone':
      return `milestone ${str(data.milestone)}`;
    case 'note': {
      const tags = Array.isArray(data.tags) ? data.tags.map((tag) => `#${str(tag)}`) : [];
      const text = said ?? '';
      const missing = tags.filter((tag) => !text.includes(tag));
      return [text, ...missing].join(' ');
    }
    case 'viewer.joined':
    case 'viewer.left':
      return said ?? `viewer ${event.type.slice(7)}: ${str(data.name ?? 'unnamed')}`;
    case 'metrics':
      return `metrics: ${Object.entries((data.series as Record<string, unknown>) ?? {})
        .map(([name, value]) => `${name}=${str(value)}`)
        .join(', ')}`;
    case 'closed':
      return `incident closed${data.rootCause ? `; root cause: ${str(data.rootCause)}` : ''}`;
    case 'runbook.step':
    case 'action': {
      const outcome = data.outcome ?? data.result;
      return [said ?? kindOf(event), outcome === undefined ? '' : `→ ${str(outcome)}`]
        .filter(Boolean)
        .join(' ');
    }
    default:
      return said ?? event.type;
  }
}

/** When it happened: the back-dated time of a note or milestone, else when it was written. */
export function occurredAtOf(event: JournalEvent): number {
  const occurred = event.data.occurredAt;
  if (typeof occurred === 'string') {
    const at = Date.parse(occurred);
    if (!Number.isNaN(at)) return at;
  }
  return Date.parse(event.at);
}
