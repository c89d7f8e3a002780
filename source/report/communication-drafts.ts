import type {Incident} from '../incidents/incident-model';
import {severityLevelOf} from '../incidents/severity';
import {formatTimestamp} from '../incidents/time-zone';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import {codeBlock} from './markdown-text';

/** What the status page says at each status, in the words a person on the bridge would use. */
const statusSentences: Record<Incident['status'], string> = {
  investigating: 'We are aware of this problem and are investigating.',
  identified: 'We have found the cause and are working on a fix.',
  monitoring: 'We have put a fix in place and are watching to make sure it holds.',
  resolved: 'The problem has been fixed.',
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
  const resolvedAt = formatTimestamp(Date.parse(incident.closedAt ?? incident.openedAt));
  const statusPage = [
    `${status}: ${title}`,
    '',
    statusSentences[incident.status],
    '',
    `Impact: ${impact}`,
    `Status: ${status}`,
    resolved ? `Resolved at: ${resolvedAt}` : `Next update: within ${level.updateEvery}`,
  ].join('\n');
  const customer = [
    resolved ? `Resolved: ${title}` : title,
    '',
    resolved
      ? `The problem we told you about has been fixed: ${title}.`
      : `We are working on a problem that may affect you: ${title}.`,
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
