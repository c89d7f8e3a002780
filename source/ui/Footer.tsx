import {Box, Text} from 'ink';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import {displayKey, type KeyBinding} from './keys';
import {colourOf} from './theme';

/** Footer hints for the focused pane: its own bindings first, then the global ones marked for the footer. */
export function footerHints(bindings: readonly KeyBinding[], focusedPaneId: string): string[] {
  const pane = bindings.filter(
    (binding) => binding.scope === `pane:${focusedPaneId}` && binding.footer !== false,
  );
  const global = bindings.filter((binding) => binding.scope === 'global' && binding.footer);
  return [...pane, ...global].map(
    (binding) => `${binding.keys.map(displayKey).join('/')} ${shortDescription(binding)}`,
  );
}

function shortDescription(binding: KeyBinding): string {
  return typeof binding.footer === 'string' ? binding.footer : binding.description.toLowerCase();
}

/** Key hints (or the latest message) on the last row. */
export function Footer(props: {
  width: number;
  bindings: readonly KeyBinding[];
  focusedPaneId: string;
  message: string | undefined;
}) {
  const {width, bindings, focusedPaneId, message} = props;
  return (
    <Box width={width} height={1} overflow="hidden">
      {message ? (
        <Text wrap="truncate-end" color={colourOf('text.accent')}>
          {sanitizeTerminalText(message)}
        </Text>
      ) : (
        <Text wrap="truncate-end" color={colourOf('text.muted')}>
          {footerHints(bindings, focusedPaneId).join('  ')}
        </Text>
      )}
    </Box>
  );
}
