import {Text} from 'ink';
import {formatClockUtc} from '../../text/format';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {PaneFrame, type RegionProps} from '../PaneFrame';
import {useCockpit} from '../store-context';
import {colourOf} from '../theme';

/** The newest timeline entries that fit, newest last. */
export function TimelineRegion({width, height, focused}: RegionProps) {
  const timeline = useCockpit((cockpit) => cockpit.timeline);
  const visible = timeline.slice(-Math.max(0, height - 2));
  return (
    <PaneFrame title="Timeline" width={width} height={height} focused={focused}>
      {visible.length === 0 ? (
        <Text color={colourOf('text.muted')}>Nothing has happened yet.</Text>
      ) : (
        visible.map((entry) => (
          <Text key={entry.id} wrap="truncate-end">
            <Text color={colourOf('text.muted')}>{`${formatClockUtc(new Date(entry.at))} `}</Text>
            {sanitizeTerminalText(entry.text)}
          </Text>
        ))
      )}
    </PaneFrame>
  );
}
