import {Text, useInput} from 'ink';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {keyNamesOf} from '../keys';
import {colourOf} from '../theme';

/** The `/` filter being typed: applies as you type, Enter keeps it, Esc clears it. */
export function FilterLine(props: {
  value: string;
  onChange: (value: string) => void;
  onDone: (keep: boolean) => void;
}) {
  useInput((input, key) => {
    let value = props.value;
    for (const keyName of keyNamesOf(input, key)) {
      if (keyName === 'enter') return props.onDone(true);
      if (keyName === 'escape') return props.onDone(false);
      if (keyName === 'backspace') value = Array.from(value).slice(0, -1).join('');
      else if (keyName === 'space') value += ' ';
      else if (Array.from(keyName).length === 1) value += keyName;
    }
    props.onChange(value.slice(0, 200));
  });
  return (
    <Text wrap="truncate-start">
      <Text color={colourOf('text.accent')}>/</Text>
      {sanitizeTerminalText(props.value)}
      <Text inverse> </Text>
    </Text>
  );
}
