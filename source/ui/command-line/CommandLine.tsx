import {Box, Text, useInput} from 'ink';
import {useState} from 'react';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {keyNamesOf} from '../keys';
import {colourOf} from '../theme';
import {type CommandLineState, editCommandLine, emptyCommandLine} from './command-line-state';

/** The `:` line: completion with Tab, history with ↑/↓, Enter runs, Esc closes. */
export function CommandLine(props: {
  width: number;
  history: readonly string[];
  complete: (text: string) => string[];
  onSubmit: (line: string) => void;
  onCancel: () => void;
}) {
  const [line, setLine] = useState<CommandLineState>(emptyCommandLine);
  useInput((input, key) => {
    let state = line;
    for (const keyName of keyNamesOf(input, key)) {
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
  });
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
