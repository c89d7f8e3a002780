import {Box, Text} from 'ink';
import {colourOf} from '../theme';
import {useLatestState} from '../use-latest-state';
import {useTypedKeys} from '../use-typed-keys';

/** A session's full detail in place of the pane body: ↑/↓/PgUp/PgDn scroll, Esc or Enter closes. */
export function SessionDetail(props: {
  title: string;
  lines: readonly string[];
  width: number;
  height: number;
  onClose: () => void;
  /** Keys that arrived for this overlay before it was listening. */
  takeTypedKeys?: () => string[];
}) {
  const {lines, width, height} = props;
  const bodyHeight = Math.max(1, height - 2);
  const [top, currentTop, setTop] = useLatestState(0);
  const lastTop = Math.max(0, lines.length - bodyHeight);
  const handle = (keyNames: readonly string[]) => {
    let next = currentTop();
    for (const keyName of keyNames) {
      if (keyName === 'escape' || keyName === 'enter') return props.onClose();
      if (keyName === 'down' || keyName === 'j') next += 1;
      if (keyName === 'up' || keyName === 'k') next -= 1;
      if (keyName === 'pagedown' || keyName === 'space') next += bodyHeight;
      if (keyName === 'pageup') next -= bodyHeight;
      if (keyName === 'home') next = 0;
      if (keyName === 'end') next = lastTop;
    }
    setTop(Math.min(lastTop, Math.max(0, next)));
  };
  useTypedKeys(props.takeTypedKeys, handle);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text bold color={colourOf('text.accent')} wrap="truncate-end">
        {props.title}
      </Text>
      {lines.slice(top, top + bodyHeight).map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text
        <Text key={top + index} wrap="truncate-end">
          {line || ' '}
        </Text>
      ))}
      <Text color={colourOf('text.muted')} wrap="truncate-end">
        {`lines ${Math.min(lines.length, top + 1)}–${Math.min(lines.length, top + bodyHeight)} of ${lines.length} · ↑/↓ scroll · Esc closes`}
      </Text>
    </Box>
  );
}
