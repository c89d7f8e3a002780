import {Box, Text} from 'ink';
import {fitToWidth} from '../text/format';
import {paletteCommands} from './command-line/palette-commands';
import {displayKeys, type KeyBinding} from './keys';
import {allRegions} from './panes/pane-registry';
import {colourOf} from './theme';

/** Lines of the help screen, generated from the key table so it can never drift. */
export function helpLines(
  bindings: readonly KeyBinding[],
  width: number,
): Array<{text: string; heading?: boolean; dangerous?: boolean}> {
  const lines: Array<{text: string; heading?: boolean; dangerous?: boolean}> = [];
  const scopes = [...new Set(bindings.map((binding) => binding.scope))];
  for (const scope of scopes) {
    const title =
      scope === 'global'
        ? 'Everywhere'
        : (allRegions.find((region) => `pane:${region.id}` === scope)?.title ?? scope);
    lines.push({text: title, heading: true});
    for (const binding of bindings.filter((candidate) => candidate.scope === scope)) {
      const keys = fitToWidth(displayKeys(binding.keys), 16);
      lines.push({
        text: fitToWidth(
          `  ${keys}${binding.description}${binding.dangerous ? ' (asks to confirm)' : ''}`,
          width,
        ),
        dangerous: binding.dangerous,
      });
    }
  }
  lines.push({text: 'Commands after :', heading: true});
  for (const command of paletteCommands)
    lines.push({
      text: fitToWidth(`  ${fitToWidth(command.usage, 16)}${command.description}`, width),
    });
  return lines;
}

/** The help screen, in place of the panes. */
export function HelpOverlay({
  width,
  height,
  bindings,
  scroll,
}: {
  width: number;
  height: number;
  bindings: readonly KeyBinding[];
  /** First line shown; clamped here so any value is safe. */
  scroll: number;
}) {
  const all = helpLines(bindings, width - 4);
  const room = Math.max(0, height - 3);
  const first = Math.max(0, Math.min(scroll, all.length - room));
  const lines = all.slice(first, first + room);
  return (
    <Box
      flexDirection="column"
      width={width}
      height={height}
      borderStyle="round"
      borderColor={colourOf('border.focused')}
      paddingX={1}
      overflow="hidden"
    >
      <Text bold wrap="truncate-end">
        {`Keys — press ? or Esc to close${all.length > room ? `  (↑/↓ scroll, ${first + 1}–${first + lines.length} of ${all.length})` : ''}`}
      </Text>
      {lines.map((line, index) => (
        <Text
          // biome-ignore lint/suspicious/noArrayIndexKey: the help list is static for a render
          key={index}
          wrap="truncate-end"
          bold={line.heading}
          color={colourOf(
            line.heading ? 'text.accent' : line.dangerous ? 'status.warn' : undefined,
          )}
        >
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
