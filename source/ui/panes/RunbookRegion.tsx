import {Text} from 'ink';
import {PaneFrame, type RegionProps} from '../PaneFrame';
import {colourOf} from '../theme';

/** Where the open runbook's steps are shown. */
export function RunbookRegion({width, height, focused}: RegionProps) {
  return (
    <PaneFrame title="Runbook" width={width} height={height} focused={focused}>
      <Text color={colourOf('text.muted')} wrap="truncate-end">
        No runbook open.
      </Text>
    </PaneFrame>
  );
}
