/** How times are shown: UTC (the default, what the report always uses) or the machine's zone. */
export type TimeZoneChoice = 'utc' | 'local';

/** `--local-time` or `COCKPIT_TIME=local` choose local time; everything else is UTC. */
export function timeZoneFrom(
  flag: boolean | undefined,
  environment: NodeJS.ProcessEnv,
): TimeZoneChoice {
  if (flag) return 'local';
  return environment.COCKPIT_TIME?.toLowerCase() === 'local' ? 'local' : 'utc';
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The zone's name as printed after a time: `UTC`, or the offset such as `UTC+01:00`. */
export function zoneLabel(at: number, zone: TimeZoneChoice): string {
  if (zone === 'utc') return 'UTC';
  const offset = -new Date(at).getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset);
  return `UTC${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** `2026-11-26` in the zone. */
export function formatDate(at: number, zone: TimeZoneChoice): string {
  const date = new Date(at);
  if (zone === 'utc') return date.toISOString().slice(0, 10);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `14:32:05` in the zone. */
export function formatTime(at: number, zone: TimeZoneChoice): string {
  const date = new Date(at);
  if (zone === 'utc') return date.toISOString().slice(11, 19);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** `2026-11-26 14:32:05 UTC`: date, time and zone, as every entry of an incident says it. */
export function formatTimestamp(at: number, zone: TimeZoneChoice = 'utc'): string {
  return `${formatDate(at, zone)} ${formatTime(at, zone)} ${zoneLabel(at, zone)}`;
}

/** `+1h05m`-style elapsed time since `start`; negative for things before it. */
export function formatElapsed(at: number, start: number): string {
  // Truncated like formatDuration, so a row's elapsed time never exceeds the report's duration.
  const seconds = Math.trunc((at - start) / 1000);
  const sign = seconds < 0 ? '-' : '+';
  const total = Math.abs(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  return hours > 0
    ? `${sign}${hours}h${pad(minutes)}m${pad(rest)}s`
    : `${sign}${minutes}m${pad(rest)}s`;
}
