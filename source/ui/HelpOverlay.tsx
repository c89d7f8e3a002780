import {Box, Text} from 'ink';
import {fitToWidth} from '../text/format';
import {paletteCommands} from './command-line/palette-commands';
import {displayKey, type KeyBinding} from './keys';
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
      const keys = fitToWidth(binding.keys.map(displayKey).join(', '), 16);
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
}: {
  width: number;
  height: number;
  bindings: readonly KeyBinding[];
}) {
  const lines = helpLines(bindings, width - 4).slice(0, Math.max(0, height - 3));
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
      <Text bold>Keys — press ? or Esc to close</Text>
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
