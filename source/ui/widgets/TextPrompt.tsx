import {Text} from 'ink';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {editCommandLine, emptyCommandLine} from '../command-line/command-line-state';
import {colourOf} from '../theme';
import {useLatestState} from '../use-latest-state';
import {useTypedKeys} from '../use-typed-keys';

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
  /** Keys that arrived for this overlay before it was listening. */
  takeTypedKeys?: () => string[];
}) {
  const [line, currentLine, setLine] = useLatestState(
    props.initial ? {...emptyCommandLine, text: props.initial} : emptyCommandLine,
  );
  const handle = (keyNames: readonly string[]) => {
    let state = currentLine();
    for (const keyName of keyNames) {
      const result = editCommandLine(state, keyName, [], noCompletions);
      state = result.state;
      if (result.submit !== undefined) return props.onSubmit(result.submit);
      if (result.cancel) return props.onCancel();
    }
    setLine(state);
  };
  useTypedKeys(props.takeTypedKeys, handle);
  return (
    <Text wrap="truncate-start">
      <Text color={colourOf('text.accent')}>{`${props.label} `}</Text>
      {props.mask ? '•'.repeat([...line.text].length) : sanitizeTerminalText(line.text)}
      <Text inverse> </Text>
    </Text>
  );
}
