import {Text} from 'ink';
import {PaneFrame, type RegionProps} from '../PaneFrame';
import {colourOf} from '../theme';

/** A pane whose probe does not exist yet: it says so instead of pretending to have data. */
export function ProbeMissingPane({title, width, height, focused}: RegionProps & {title: string}) {
  return (
    <PaneFrame title={title} width={width} height={height} focused={focused}>
      <Text color={colourOf('text.muted')} wrap="truncate-end">
        No probe for this pane in this version.
      </Text>
    </PaneFrame>
  );
}
