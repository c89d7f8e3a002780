import {Box, Text} from 'ink';
import {formatTime, zoneLabel} from '../incidents/time-zone';
import type {LifelineStatus} from '../sources/postgres-lifeline';
import {formatDuration} from '../text/format';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import {useCockpit} from './store-context';
import {colourOf, type Tone} from './theme';
import {useNow} from './use-now';

/** The connection state in words, as the header shows it. */
export function describeLifeline(status: LifelineStatus, now: number): {text: string; tone: Tone} {
  switch (status.kind) {
    case 'connected':
      return {text: 'connected', tone: 'status.ok'};
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

/** Incident, database and its state, alert badges, refresh and the UTC clock on one line. */
export function Header({width}: {width: number}) {
  const now = useNow(1000);
  const incident = useCockpit((state) => state.incident);
  const database = useCockpit((state) => state.database);
  const alerts = useCockpit((state) => state.alerts);
  const paused = useCockpit((state) => state.ui.paused);
  const refreshSeconds = useCockpit((state) => state.ui.refreshSeconds);
  const zone = useCockpit((state) => state.timeZone);
  const connection = describeLifeline(database.status, now);
  const critical = alerts.filter((alert) => alert.level === 'critical').length;
  const warnings = alerts.length - critical;
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate-end">
        {incident ? (
          <Text
            bold
            color={colourOf(incident.severity <= 'P1' ? 'status.critical' : 'status.warn')}
          >
            {`${incident.severity} ${sanitizeTerminalText(incident.title, {maxLength: 60})} [${incident.status}${incident.openedAt === undefined ? '' : ` ${formatDuration((now - incident.openedAt) / 1000)}`}] `}
          </Text>
        ) : (
          <Text>
            <Text bold color={colourOf('text.accent')}>
              {'incident-cockpit '}
            </Text>
            <Text color={colourOf('text.muted')}>{'no incident (o opens one) '}</Text>
          </Text>
        )}
        <Text color={colourOf('text.muted')}>│ </Text>
        <Text>{`${sanitizeTerminalText(database.label, {maxLength: 60})} `}</Text>
        <Text color={colourOf(connection.tone)}>{`● ${connection.text} `}</Text>
        <Text color={colourOf('text.muted')}>│ </Text>
        {critical > 0 ? (
          <Text color={colourOf('status.critical')} bold>{`▲${critical} critical `}</Text>
        ) : null}
        {warnings > 0 ? (
          <Text color={colourOf('status.warn')}>{`▲${warnings} warning `}</Text>
        ) : null}
        {alerts.length === 0 ? <Text color={colourOf('status.ok')}>no alerts </Text> : null}
        <Text color={colourOf('text.muted')}>│ </Text>
        <Text color={colourOf(paused ? 'status.warn' : 'text.muted')}>
          {paused ? 'PAUSED ' : `every ${refreshSeconds}s `}
        </Text>
        <Text color={colourOf('text.muted')}>│ </Text>
        <Text>{`${formatTime(now, zone)} ${zoneLabel(now, zone)}`}</Text>
      </Text>
    </Box>
  );
}
