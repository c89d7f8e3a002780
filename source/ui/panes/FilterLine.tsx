import {Text, useInput} from 'ink';
import {useRef} from 'react';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {keyNamesOf} from '../keys';
import {colourOf} from '../theme';

/** What keys did to a filter being typed: its text, and whether Enter kept it or Esc cleared it. */
export type FilterEdit = {value: string; done?: 'keep' | 'clear'};

/** Applies key names (as `keyNamesOf` gives them) to a filter's text; stops at Enter or Esc. */
export function editFilter(value: string, keyNames: readonly string[]): FilterEdit {
  let text = value;
  for (const keyName of keyNames) {
    if (keyName === 'enter') return {value: text, done: 'keep'};
    if (keyName === 'escape') return {value: '', done: 'clear'};
    if (keyName === 'backspace') text = Array.from(text).slice(0, -1).join('');
    else if (keyName === 'space') text += ' ';
    else if (Array.from(keyName).length === 1) text += keyName;
  }
  return {value: text.slice(0, 200)};
}

/** The `/` filter being typed: applies as you type, Enter keeps it, Esc clears it. */
export function FilterLine(props: {
  value: string;
  onChange: (value: string) => void;
  onDone: (keep: boolean) => void;
}) {
  // Several events can arrive before the next render: each must start from the last one's text.
  const latest = useRef(props.value);
  latest.current = props.value;
  useInput((input, key) => {
    const edit = editFilter(latest.current, keyNamesOf(input, key));
    latest.current = edit.value;
    if (edit.done) return props.onDone(edit.done === 'keep');
    props.onChange(edit.value);
  });
  return (
    <Text wrap="truncate-start">
      <Text color={colourOf('text.accent')}>/</Text>
      {sanitizeTerminalText(props.value)}
      <Text inverse> </Text>
    </Text>
  );
}
