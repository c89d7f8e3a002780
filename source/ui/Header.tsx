import {Box, Text} from 'ink';
import {formatTime, zoneLabel} from '../incidents/time-zone';
import {shareHeaderSegments} from '../share/share-header';
import type {LifelineStatus} from '../sources/postgres-lifeline';
import {formatDuration} from '../text/format';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import {fitHeader, type HeaderSegment} from './header-segments';
import {useCockpit} from './store-context';
import {colourOf, type Tone} from './theme';
import {useNow} from './use-now';

/** The connection state in words, as the header shows it. */
export function describeLifeline(status: LifelineStatus, now: number): {text: string; tone: Tone} {
  switch (status.kind) {
    case 'connected':
      return {text: 'connected', tone: 'status.ok'};
    case 'stalled': {
      const seconds = Math.max(0, Math.floor((now - status.unansweredSince) / 1000));
      return {text: `not answering for ${seconds}s`, tone: 'status.critical'};
    }
    case 'connecting':
      return {
        text: status.attempt > 1 ? `connecting (attempt ${status.attempt})` : 'connecting',
        tone: 'status.warn',
      };
    case 'reconnecting': {
      const seconds = Math.max(0, Math.ceil((status.nextAttemptAt - now) / 1000));
      return {
        text: `reconnecting (attempt ${status.attempt}, next in ${seconds}s)`,
        tone: 'status.critical',
      };
    }
    case 'closed':
      return {text: 'disconnected', tone: 'status.stale'};
  }
}

/** Incident, database and its state, alert badges, refresh and the clock (UTC unless local) on one line. */
export function Header({width}: {width: number}) {
  const now = useNow();
  const incident = useCockpit((state) => state.incident);
  const database = useCockpit((state) => state.database);
  const alerts = useCockpit((state) => state.alerts);
  const paused = useCockpit((state) => state.ui.paused);
  const refreshSeconds = useCockpit((state) => state.ui.refreshSeconds);
  const zone = useCockpit((state) => state.timeZone);
  const share = useCockpit((state) => state.share);
  // A viewer's own segment says READ-ONLY VIEW; the badge is for `--read-only` on the host.
  const readOnly = useCockpit((state) => state.ui.readOnly === true);
  const elsewhere = useCockpit((state) => state.ui.incidentElsewhere);
  const connection = describeLifeline(database.status, now);
  const critical = alerts.filter((alert) => alert.level === 'critical').length;
  const warnings = alerts.length - critical;
  const segments: HeaderSegment[] = [
    ...shareHeaderSegments(share, incident?.id, now),
    incident
      ? {
          text: `${incident.severity} ${sanitizeTerminalText(incident.title, {maxLength: 48})} [${incident.status}${incident.openedAt === undefined ? '' : ` ${formatDuration((now - incident.openedAt) / 1000)}`}]`,
          tone: incident.severity <= 'P1' ? 'status.critical' : 'status.warn',
          bold: true,
          dropOrder: 0,
          shrinkable: true,
        }
      : elsewhere
        ? {
            text: `incident ${sanitizeTerminalText(elsewhere.id, {maxLength: 48})} is open on ${sanitizeTerminalText(elsewhere.target, {maxLength: 48})}: o opens a new one, :resume keeps it`,
            tone: 'status.warn',
            dropOrder: 0,
            shrinkable: true,
          }
        : {
            text: share.viewer ? 'no incident open on the host' : 'no incident (o opens one)',
            tone: 'text.muted',
            dropOrder: 2,
          },
    ...(incident?.unjournaled
      ? [
          {
            text: `⚠ ${incident.unjournaled.count} not journaled, held in memory`,
            tone: 'status.critical' as const,
            bold: true,
            dropOrder: 0,
          },
        ]
      : []),
    {text: sanitizeTerminalText(database.label, {maxLength: 48}), dropOrder: 4},
    {text: `● ${connection.text}`, tone: connection.tone, dropOrder: 0},
    ...(readOnly
      ? [{text: 'READ-ONLY', tone: 'status.warn', bold: true, dropOrder: 0} as const]
      : []),
    critical + warnings === 0
      ? {text: 'no alerts', tone: 'status.ok', dropOrder: 3}
      : {
          text: [critical ? `▲${critical} critical` : '', warnings ? `▲${warnings} warning` : '']
            .filter(Boolean)
            .join(' '),
          tone: critical ? 'status.critical' : 'status.warn',
          bold: true,
          dropOrder: 0,
        },
    paused
      ? {text: 'PAUSED', tone: 'status.warn', bold: true, dropOrder: 0}
      : {text: `every ${refreshSeconds}s`, tone: 'text.muted', dropOrder: 5},
    {text: `${formatTime(now, zone)} ${zoneLabel(now, zone)}`, dropOrder: 1},
  ];
  const fitted = fitHeader(segments, width);
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate-end">
        {fitted.map((segment, index) => (
          <Text key={segment.text}>
            {index > 0 ? <Text color={colourOf('text.muted')}> │ </Text> : null}
            <Text color={colourOf(segment.tone)} bold={segment.bold}>
              {segment.text}
            </Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
