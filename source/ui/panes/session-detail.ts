import stringWidth from 'string-width';
import type {SessionInfo} from '../../probes/session-info';
import {formatDuration} from '../../text/format';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';

/** Cuts `text` into lines of at most `width` columns (wide characters counted right). */
export function wrapToWidth(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const character of paragraph) {
      const size = stringWidth(character);
      if (used + size > width && line) {
        lines.push(line);
        line = '';
        used = 0;
      }
      line += character;
      used += size;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Everything about one session, sanitised and wrapped to `width`: who, where from, since when,
 * what it waits on, whom it blocks, then the whole query.
 */
export function sessionDetailLines(
  session: SessionInfo & {
    mode?: string | null;
    relation?: string | null;
    waitSeconds?: number | null;
  },
  relations: {blocks: readonly number[]; waitsOn: readonly number[]},
  width: number,
): string[] {
  const clean = (value: unknown) => sanitizeTerminalText(value ?? '–', {maxLength: 512});
  const seconds = (value: number | null | undefined) =>
    value === null || value === undefined ? '' : ` (${formatDuration(value)} ago)`;
  const fields: Array<[string, string]> = [
    ['pid', String(session.pid)],
    ['user', clean(session.user)],
    ['application', clean(session.application)],
    ['client', clean(session.client)],
    ['database', clean(session.database)],
    ['state', clean(session.state)],
    [
      'wait event',
      session.waitEvent ? clean(`${session.waitEventType}: ${session.waitEvent}`) : 'none',
    ],
    ['backend start', clean(session.backendStart)],
    ['xact start', `${clean(session.xactStart)}${seconds(session.transactionSeconds)}`],
    ['query start', `${clean(session.queryStart)}${seconds(session.durationSeconds)}`],
  ];
  if (session.xminAge !== undefined && session.xminAge !== null)
    fields.push(['xmin age', `${session.xminAge} transactions`]);
  if (session.mode)
    fields.push([
      'waits for',
      clean(
        `${session.mode} on ${session.relation ?? 'a transaction'} for ${formatDuration(session.waitSeconds ?? 0)}`,
      ),
    ]);
  fields.push(['blocks', relations.blocks.length > 0 ? relations.blocks.join(', ') : 'nobody']);
  fields.push(['waits on', relations.waitsOn.length > 0 ? relations.waitsOn.join(', ') : 'nobody']);
  const lines = fields.flatMap(([name, value]) => wrapToWidth(`${name.padEnd(14)}${value}`, width));
  lines.push('', 'query:');
  const query = sanitizeTerminalText(session.query ?? '', {multiline: true, maxLength: 100_000});
  lines.push(...wrapToWidth(query, width));
  return lines;
}
