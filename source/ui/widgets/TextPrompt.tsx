import {Text, useInput} from 'ink';
import {useState} from 'react';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {editCommandLine, emptyCommandLine} from '../command-line/command-line-state';
import {keyNamesOf} from '../keys';
import {colourOf} from '../theme';

const noCompletions = () => [];

/**
 * A one-line text question (a reason, a placeholder value): Enter answers, Esc cancels.
 * `initial` fills the line in (a value given before); `mask` shows a bullet per character.
 */
export function TextPrompt(props: {
  label: string;
  onSubmit: (text: string) => void;
  onCancel: () => void;
  initial?: string;
  mask?: boolean;
}) {
  const [line, setLine] = useState(() =>
    props.initial ? {...emptyCommandLine, text: props.initial} : emptyCommandLine,
  );
  useInput((input, key) => {
    let state = line;
    for (const keyName of keyNamesOf(input, key)) {
      const result = editCommandLine(state, keyName, [], noCompletions);
      state = result.state;
      if (result.submit !== undefined) return props.onSubmit(result.submit);
      if (result.cancel) return props.onCancel();
    }
    setLine(state);
  });
  return (
    <Text wrap="truncate-start">
      <Text color={colourOf('text.accent')}>{`${props.label} `}</Text>
      {props.mask ? '•'.repeat([...line.text].length) : sanitizeTerminalText(line.text)}
      <Text inverse> </Text>
    </Text>
  );
}
