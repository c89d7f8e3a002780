import type {ShareSlice} from '../store/slices/share-slice';
import {formatDuration} from '../text/format';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import type {HeaderSegment} from '../ui/header-segments';

/** Feeds older than this are not called live. */
const liveForMs = 12_000;

/**
 * What sharing adds to the header: the PRESENTING badge, the viewer count of a host, and for a
 * join view that it is one, of which host, and how fresh its data is.
 */
export function shareHeaderSegments(
  share: ShareSlice['share'],
  incidentId: string | undefined,
  now: number,
): HeaderSegment[] {
  const segments: HeaderSegment[] = [];
  if (share.viewer) {
    const host = sanitizeTerminalText(share.viewer.host, {maxLength: 32});
    segments.push({
      text: `READ-ONLY VIEW of ${host}${incidentId ? ` · ${incidentId}` : ''}`,
      tone: 'text.accent',
      bold: true,
      dropOrder: 0,
    });
    const feed = share.viewer.feed;
    const seconds = Math.max(0, Math.floor((now - feed.lastMessageAt) / 1000));
    const age = seconds < 60 ? `${seconds}s` : formatDuration(seconds);
    if (feed.kind === 'reconnecting')
      segments.push({
        text: `reconnecting (attempt ${feed.attempt}) · data ${age} old`,
        tone: 'status.critical',
        bold: true,
        dropOrder: 0,
      });
    else if (now - feed.lastMessageAt > liveForMs)
      segments.push({text: `data ${age} old`, tone: 'status.stale', bold: true, dropOrder: 0});
    else segments.push({text: 'live', tone: 'status.ok', dropOrder: 0});
  }
  if (share.presenting)
    segments.push({text: 'PRESENTING', tone: 'status.warn', bold: true, dropOrder: 0});
  if (share.host) {
    const count = share.host.viewers.length;
    segments.push({
      text: `${count} viewer${count === 1 ? '' : 's'}`,
      tone: count > 0 ? 'text.accent' : 'text.muted',
      dropOrder: 1,
    });
  }
  return segments;
}

/** The `:viewers` line: who watches, from where, and how many requests were refused. */
export function describeViewers(share: ShareSlice['share']): string {
  if (share.viewer) return 'this is a viewer; the host lists its viewers';
  const host = share.host;
  if (!host) return 'not sharing: start the cockpit with --share to let others watch';
  const names = host.viewers.map(
    (viewer) => `${sanitizeTerminalText(viewer.name, {maxLength: 40})} (${viewer.address})`,
  );
  const list = names.length === 0 ? 'no viewers' : `${names.length} viewing: ${names.join(', ')}`;
  return `${list} · ${host.refused} refused request${host.refused === 1 ? '' : 's'}${host.notes ? ' · viewers may add notes' : ''}`;
}
