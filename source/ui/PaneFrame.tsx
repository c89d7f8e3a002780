import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {colourOf, type Tone} from './theme';

/** Props every pane and region receives from the layout. */
export type RegionProps = {width: number; height: number; focused: boolean};

/**
 * A bordered box with the title (and a status such as "2s ago" or "stale 40s") drawn into its
 * top border, so the title costs no row. Content is clipped to the box: a pane can never make
 * the frame taller than the terminal.
 */
export function PaneFrame(props: {
  title: string;
  status?: {text: string; tone: Tone};
  width: number;
  height: number;
  focused: boolean;
  children: ReactNode;
}) {
  const {title, status, width, height, focused, children} = props;
  const borderTone: Tone = focused ? 'border.focused' : 'border.idle';
  const titleText = ` ${title} `;
  const statusText = status ? ` ${status.text} ` : '';
  const fill = Math.max(0, width - 3 - titleText.length - statusText.length);
  if (width < 4 || height < 2) return <Text>{title.slice(0, Math.max(0, width))}</Text>;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text wrap="truncate-end">
        <Text color={colourOf(borderTone)}>╭─</Text>
        <Text bold={focused} color={colourOf(focused ? 'text.accent' : undefined)}>
          {titleText}
        </Text>
        {status ? <Text color={colourOf(status.tone)}>{statusText}</Text> : null}
        <Text color={colourOf(borderTone)}>{`${'─'.repeat(fill)}╮`}</Text>
      </Text>
      <Box
        borderStyle="round"
        borderTop={false}
        borderColor={colourOf(borderTone)}
        width={width}
        height={height - 1}
        flexDirection="column"
        overflow="hidden"
        paddingX={1}
      >
        {children}
      </Box>
    </Box>
  );
}
