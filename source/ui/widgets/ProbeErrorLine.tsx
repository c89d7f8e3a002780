import {Text} from 'ink';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {colourOf} from '../theme';

/** Why a pane's probe failed, in words, on one line above its last good data. */
export function ProbeErrorLine({error}: {error: string | undefined}) {
  if (!error) return null;
  return (
    <Text color={colourOf('status.critical')} wrap="truncate-end">
      {sanitizeTerminalText(error)}
    </Text>
  );
}
