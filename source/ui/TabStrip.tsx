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
  const regions = focusOrder.map((id) => allRegions.find((region) => region.id === id));
  const fullWidth = regions.reduce(
    (sum, region, index) => sum + `${index + 1}:${region?.title ?? ''} `.length,
    0,
  );
  const short = fullWidth > width;
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate-end">
        {focusOrder.map((id, index) => {
          const region = regions[index];
          const title = (short ? region?.shortTitle : region?.title) ?? id;
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
