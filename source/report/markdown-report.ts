import {categoryOf} from '../incidents/describe-event';
import {incidentRoles, type MilestoneName, milestoneNames} from '../incidents/incident-model';
import {
  effectiveMilestones,
  incidentSpans,
  type MilestoneSpan,
  type MilestoneTime,
} from '../incidents/milestones';
import {severityLevelOf} from '../incidents/severity';
import {formatElapsed, formatTimestamp} from '../incidents/time-zone';
import type {JournalEvent} from '../journal/journal-event';
import {formatDuration} from '../text/format';
import {communicationDrafts} from './communication-drafts';
import {keyMetricLines} from './key-metrics';
import {codeBlock, inlineText, tableRow} from './markdown-text';
import {buildReportModel, type ReportModel} from './report-model';

const milestoneWords: Record<MilestoneName, string> = {
  started: 'the start',
  detected: 'detection',
  acknowledged: 'acknowledgement',
  mitigated: 'mitigation',
  resolved: 'resolution',
};

/** A span in words: its length, which ends were only implied, or why it was not measured. */
function spanText(span: MilestoneSpan, effective: ReturnType<typeof effectiveMilestones>): string {
  if (span.seconds !== undefined) {
    const implied = span.implied.map((name) => milestoneWords[name]).join(' and ');
    return `${formatDuration(span.seconds)}${implied ? ` (${implied} implied, not recorded)` : ''}`;
  }
  const missing = [span.from, span.to].filter((name) => !effective[name]);
  if (missing.length > 0)
    return `not measured: ${missing.map((name) => milestoneWords[name]).join(' and ')} not recorded`;
  const moved = [span.from, span.to].find((name) => {
    const time = effective[name];
    return time && !time.recorded && time.movedTo;
  });
  if (moved)
    return `not measured: ${milestoneWords[moved]} was not recorded, and what implied it contradicts the recorded milestones`;
  const start = effective[span.from];
  const because = start && !start.recorded ? ` (both implied: ${start.impliedBy})` : '';
  return `not measured: neither ${milestoneWords[span.from]} nor ${milestoneWords[span.to]} was recorded${because}`;
}

const sentenceCase = (text: string) => `${text.slice(0, 1).toUpperCase()}${text.slice(1)}`;

function milestoneSource(name: MilestoneName, time: MilestoneTime | undefined): string {
  if (!time) return 'not recorded';
  if (time.recorded) return 'recorded';
  const order = (milestone: MilestoneName) => milestoneNames.indexOf(milestone);
  const moved = !time.movedTo
    ? ''
    : `, shown at ${milestoneWords[time.movedTo]} as it cannot ${order(time.movedTo) < order(name) ? 'precede' : 'follow'} it`;
  return `implied: ${time.impliedBy}${moved}`;
}

/**
 * The incident report in Markdown, from the journal alone: the same events always give the
 * same bytes (every time shown is UTC and comes from an event, never from the clock).
 */
export function renderMarkdownReport(events: readonly JournalEvent[]): string {
  const model = buildReportModel(events);
  if (!model) return '# Incident report\n\nThis journal has no `opened` event.\n';
  return `${[
    ...summarySection(model),
    ...timelineSection(model),
    ...actionsSection(model),
    ...alertsSection(model),
    ...keyMetricLines(model),
    ...notesSection(model),
    ...lessonsSection(),
    ...communicationDrafts(model.incident),
  ].join('\n')}\n`;
}

function summarySection(model: ReportModel): string[] {
  const {incident} = model;
  const effective = effectiveMilestones(incident);
  const spans = incidentSpans(incident);
  const level = severityLevelOf(incident.severity);
  const started = Date.parse(incident.openedAt);
  const lines = [
    `# Incident report: ${inlineText(incident.title)}`,
    '',
    `- **Id:** ${incident.id}`,
    `- **Severity:** ${incident.severity} ${level.label} (respond within ${level.responseTime}; escalate to ${level.escalation})`,
    `- **Status:** ${incident.status}${incident.closedAt ? ' (closed)' : ' (still open)'}`,
    `- **Start:** ${formatTimestamp(started)}`,
    `- **End:** ${incident.closedAt ? formatTimestamp(model.endAt) : `not closed (last event ${formatTimestamp(model.endAt)})`}`,
    `- **Duration:** ${formatDuration((model.endAt - started) / 1000)}`,
    ...incidentRoles.map(
      (role) =>
        `- **${role[0]!.toUpperCase()}${role.slice(1)}:** ${inlineText(incident.roles[role] ?? 'not assigned')}`,
    ),
    `- **Impact:** ${inlineText(incident.impact ?? 'not stated')}`,
    '',
    '## Summary',
    '',
    inlineText(
      incident.summary ??
        `${incident.severity} incident "${incident.title}", opened by ${incident.openedBy}, ${incident.closedAt ? 'closed' : 'open'} after ${formatDuration((model.endAt - started) / 1000)}.`,
    ),
    '',
    '### Milestones',
    '',
    tableRow(['Milestone', 'Time (UTC)', 'Source']),
    tableRow(['---', '---', '---']),
    ...milestoneNames.map((name) => {
      const time = effective[name];
      return tableRow([
        `${name[0]!.toUpperCase()}${name.slice(1)}`,
        time ? formatTimestamp(time.at) : '–',
        milestoneSource(name, time),
      ]);
    }),
    '',
    `- Time to detect: ${spanText(spans.toDetect, effective)}`,
    `- Time to acknowledge (from detection): ${spanText(spans.toAcknowledge, effective)}`,
    `- Time to mitigate (from detection): ${spanText(spans.toMitigate, effective)}`,
    `- Time to resolve (from detection): ${spanText(spans.toResolve, effective)}`,
    '',
    'Recorded milestones were marked by the team; implied ones are inferred from other events',
    'and kept in order after the milestone before them.',
    '',
  ];
  return lines;
}

function timelineSection(model: ReportModel): string[] {
  const start = Date.parse(model.incident.openedAt);
  return [
    '## Timeline',
    '',
    tableRow(['Time (UTC)', 'Elapsed', 'Actor', 'Event']),
    tableRow(['---', '---:', '---', '---']),
    ...model.timeline
      .filter((row) => row.kind !== 'metrics')
      .map((row) =>
        tableRow([
          formatTimestamp(row.at) +
            (row.writtenAt !== row.at ? ` (noted ${formatTimestamp(row.writtenAt)})` : ''),
          formatElapsed(row.at, start),
          inlineText(row.actor, 200),
          inlineText(categoryOf(row.kind) === 'incident' ? sentenceCase(row.text) : row.line, 2000),
        ]),
      ),
    '',
  ];
}

function actionsSection(model: ReportModel): string[] {
  if (model.actions.length === 0)
    return ['## Actions and queries run', '', 'None were run from the cockpit.', ''];
  const lines = ['## Actions and queries run', ''];
  for (const action of model.actions) {
    lines.push(
      `### ${formatTimestamp(action.at)} — ${inlineText(action.label)} (${inlineText(action.actor)})`,
      '',
    );
    lines.push(inlineText(action.text), '');
    if (action.sql) lines.push(codeBlock(action.sql, 'sql'), '');
    if (action.command) lines.push(codeBlock(action.command, 'sh'), '');
    lines.push(`Result: ${inlineText(action.result ?? 'not recorded')}`, '');
  }
  return lines;
}

function alertsSection(model: ReportModel): string[] {
  if (model.alerts.length === 0) return ['## Alerts', '', 'No alert was raised.', ''];
  return [
    '## Alerts',
    '',
    tableRow(['Raised (UTC)', 'Cleared (UTC)', 'Lasted', 'Alert']),
    tableRow(['---', '---', '---:', '---']),
    ...model.alerts.map((span) =>
      tableRow([
        formatTimestamp(span.raisedAt),
        span.clearedAt === undefined ? 'not cleared' : formatTimestamp(span.clearedAt),
        span.clearedAt === undefined
          ? `at least ${formatDuration((model.endAt - span.raisedAt) / 1000)}`
          : formatDuration((span.clearedAt - span.raisedAt) / 1000),
        inlineText(span.text, 2000),
      ]),
    ),
    '',
  ];
}

const tagSections: Array<[string, string]> = [
  ['rootcause', 'Root cause'],
  ['impact', 'Impact notes'],
  ['fix', 'Fixes'],
  ['followup', 'Follow-ups'],
  ['decision', 'Decisions'],
];

function notesSection(model: ReportModel): string[] {
  const lines: string[] = [];
  for (const [tag, heading] of tagSections) {
    const notes = model.notesByTag[tag] ?? [];
    lines.push(`## ${heading}`, '');
    const summary = tag === 'rootcause' ? model.incident.rootCause : undefined;
    if (summary) lines.push(inlineText(summary));
    if (summary && notes.length > 0) lines.push('');
    if (notes.length === 0 && !summary) lines.push(`No note tagged #${tag}.`);
    for (const note of notes) {
      const bullet = tag === 'followup' ? '- [ ]' : '-';
      lines.push(
        `${bullet} ${inlineText(note.text)} (${inlineText(note.actor)}, ${formatTimestamp(note.at)})`,
      );
    }
    lines.push('');
  }
  return lines;
}

function lessonsSection(): string[] {
  return [
    '## Lessons learned',
    '',
    '### What went well',
    '',
    '- _to fill in_',
    '',
    '### What could be improved',
    '',
    '- _to fill in_',
    '',
    '### Where we got lucky',
    '',
    '- _to fill in_',
    '',
  ];
}
