import {Box, Text} from 'ink';
import {allRegions} from './panes/pane-registry';
import {colourOf} from './theme';

/** In compact mode, the regions as tabs with the focused one highlighted. */
export function TabStrip({
  width,
  focusOrder,
  focusedId,
}: {
  width: number;
  focusOrder: readonly string[];
  focusedId: string;
}) {
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate-end">
        {focusOrder.map((id, index) => {
          const title = allRegions.find((region) => region.id === id)?.title ?? id;
          const focused = id === focusedId;
          return (
            <Text
              key={id}
              inverse={focused}
              bold={focused}
              color={colourOf(focused ? 'text.accent' : 'text.muted')}
            >
              {`${index === 0 ? '' : ' '}${index + 1}:${title}`}
            </Text>
          );
        })}
      </Text>
    </Box>
  );
}
