import {Box, Text} from 'ink';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {colourOf} from '../theme';
import {useLatestState} from '../use-latest-state';
import {useTypedKeys} from '../use-typed-keys';
import {type CommandLineState, editCommandLine, emptyCommandLine} from './command-line-state';

/** The `:` line: completion with Tab, history with ↑/↓, Enter runs, Esc closes. */
export function CommandLine(props: {
  width: number;
  history: readonly string[];
  complete: (text: string) => string[];
  onSubmit: (line: string) => void;
  onCancel: () => void;
  /** Keys typed after `:` in the same chunk, before this line was listening. */
  takeTypedKeys?: () => string[];
}) {
  const [line, currentLine, setLine] = useLatestState<CommandLineState>(emptyCommandLine);
  const handle = (keyNames: readonly string[]) => {
    let state = currentLine();
    for (const keyName of keyNames) {
      const result = editCommandLine(state, keyName, props.history, props.complete);
      state = result.state;
      if (result.submit !== undefined) {
        setLine(emptyCommandLine);
        props.onSubmit(result.submit);
        return;
      }
      if (result.cancel) {
        setLine(emptyCommandLine);
        props.onCancel();
        return;
      }
    }
    setLine(state);
  };
  useTypedKeys(props.takeTypedKeys, handle);
  return (
    <Box flexDirection="column" width={props.width}>
      {line.completions.length > 1 ? (
        <Text color={colourOf('text.muted')} wrap="truncate-end">
          {line.completions.join('  ')}
        </Text>
      ) : null}
      <Text wrap="truncate-start">
        <Text color={colourOf('text.accent')}>:</Text>
        {sanitizeTerminalText(line.text)}
        <Text inverse> </Text>
      </Text>
    </Box>
  );
}
