import type {Incident} from '../incidents/incident-model';
import {severityLevelOf} from '../incidents/severity';
import {formatTimestamp} from '../incidents/time-zone';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import {codeBlock} from './markdown-text';

const statusWords: Record<Incident['status'], string> = {
  investigating: 'We are investigating',
  identified: 'We have identified the cause of',
  monitoring: 'A fix is in place and we are monitoring',
  resolved: 'We have resolved',
};

/**
 * The status-page update and customer notification, in the shape of the runbooks'
 * communication templates (runbook-servio.md), filled from the incident. Drafts to edit, not
 * to post as they are.
 */
export function communicationDrafts(incident: Incident): string[] {
  const level = severityLevelOf(incident.severity);
  const title = sanitizeTerminalText(incident.title, {maxLength: 200});
  const impact = incident.impact
    ? sanitizeTerminalText(incident.impact, {maxLength: 2000})
    : 'to be confirmed';
  const status = incident.status[0]!.toUpperCase() + incident.status.slice(1);
  const resolved = incident.status === 'resolved';
  const statusPage = [
    `${resolved ? 'Resolved' : 'Service disruption'} - ${title}`,
    '',
    `${statusWords[incident.status]} issues with ${title}.`,
    '',
    `Impact: ${impact}`,
    `Status: ${status}`,
    resolved
      ? `Resolved at: ${formatTimestamp(Date.parse(incident.closedAt ?? incident.openedAt))}`
      : `Next Update: ${level.updateEvery}`,
  ].join('\n');
  const customer = [
    resolved ? `Resolved: ${title}` : title,
    '',
    resolved
      ? `The issue affecting ${title} has been resolved.`
      : `We're experiencing issues with ${title}.`,
    '',
    `- ${impact}`,
    resolved
      ? '- Everything is working normally again'
      : '- We will post an update as soon as we know more',
    '',
    resolved
      ? 'We are sorry for the disruption. Thank you for your patience.'
      : "We're working to resolve this quickly. Thank you for your patience.",
  ].join('\n');
  return [
    '## Communication drafts',
    '',
    `### Status page update (${incident.severity})`,
    '',
    codeBlock(statusPage),
    '',
    `### Customer notification (${incident.severity})`,
    '',
    codeBlock(customer),
  ];
}
