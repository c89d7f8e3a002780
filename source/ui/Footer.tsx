import {Box, Text} from 'ink';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import {displayKeys, type KeyBinding} from './keys';
import {colourOf} from './theme';

/** Footer hints for the focused pane: its own bindings first, then the global ones marked for the footer. */
export function footerHints(bindings: readonly KeyBinding[], focusedPaneId: string): string[] {
  const pane = bindings.filter(
    (binding) => binding.scope === `pane:${focusedPaneId}` && binding.footer !== false,
  );
  // A global binding whose every key the pane takes over would only mislead here.
  const taken = new Set(
    bindings
      .filter((binding) => binding.scope === `pane:${focusedPaneId}`)
      .flatMap((binding) => binding.keys),
  );
  const global = bindings.filter(
    (binding) =>
      binding.scope === 'global' && binding.footer && !binding.keys.every((key) => taken.has(key)),
  );
  return [...pane, ...global].map(
    (binding) => `${displayKeys(binding.keys).replaceAll(', ', '/')} ${shortDescription(binding)}`,
  );
}

// The footer has one line for every hint: a pane's binding without a label shows its first word.
function shortDescription(binding: KeyBinding): string {
  if (typeof binding.footer === 'string') return binding.footer;
  return (binding.description.split(/[\s,:(]/)[0] ?? '').toLowerCase();
}

/**
 * The runbook picker's keys: while it is open, letters are its search text, so the runbook
 * pane's own keys (j for the next step, s for skip) would tell the wrong story.
 */
const pickerHints = ['type to search', '↑/↓ choose', 'Enter open', 'Esc close'];

/** Key hints (or the latest message) on the last row. */
export function Footer(props: {
  width: number;
  bindings: readonly KeyBinding[];
  focusedPaneId: string;
  message: string | undefined;
  overlay?: string;
}) {
  const {width, bindings, focusedPaneId, message} = props;
  const hints =
    props.overlay === 'runbook-picker' ? pickerHints : footerHints(bindings, focusedPaneId);
  return (
    <Box width={width} height={1} overflow="hidden">
      {message ? (
        <Text wrap="truncate-end" color={colourOf('text.accent')}>
          {sanitizeTerminalText(message)}
        </Text>
      ) : (
        <Text wrap="truncate-end" color={colourOf('text.muted')}>
          {hints.join('  ')}
        </Text>
      )}
    </Box>
  );
}
