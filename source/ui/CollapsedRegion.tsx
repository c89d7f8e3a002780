import {Text} from 'ink';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import {colourOf} from './theme';

/** A region with nothing to report, as one line: `─ Campaigns · none running ──────`. */
export function CollapsedRegion(props: {text: string; width: number; focused: boolean}) {
  const text = ` ${sanitizeTerminalText(props.text, {maxLength: 200})} `;
  const fill = Math.max(0, props.width - 1 - text.length);
  return (
    <Text wrap="truncate-end" color={colourOf(props.focused ? 'border.focused' : 'border.idle')}>
      {'─'}
      <Text color={colourOf(props.focused ? 'text.accent' : 'text.muted')}>{text}</Text>
      {'─'.repeat(fill)}
    </Text>
  );
}
