import {Box, Text} from 'ink';
import {useState} from 'react';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {colourOf} from '../theme';
import {useLatestState} from '../use-latest-state';
import {useTypedKeys} from '../use-typed-keys';
import {type ConfirmationInput, editConfirmation} from './typed-confirmation';

/**
 * The one confirmation every write and dangerous action goes through: it shows exactly what
 * will run and proceeds only when the exact word is typed and Enter pressed. Esc cancels (the
 * caller journals the cancellation too).
 */
export function TypedConfirmation(props: {
  title: string;
  /** Exactly what will run: SQL, command, affected sessions. Sanitised here. */
  details: readonly string[];
  word: string;
  width: number;
  height: number;
  onConfirm: () => void;
  onCancel: () => void;
  /** Keys that arrived for this overlay before it was listening. */
  takeTypedKeys?: () => string[];
}) {
  const [input, currentInput, setInput] = useLatestState<ConfirmationInput>({typed: ''});
  const [rejected, setRejected] = useState(false);
  const handle = (keyNames: readonly string[]) => {
    let state = currentInput();
    for (const keyName of keyNames) {
      const result = editConfirmation(state, keyName, props.word);
      state = result.state;
      if (result.confirmed) return props.onConfirm();
      if (result.cancelled) return props.onCancel();
      setRejected(Boolean(result.rejected));
    }
    setInput(state);
  };
  useTypedKeys(props.takeTypedKeys, handle);
  const detailRows = Math.max(1, props.height - 6);
  const details = props.details.flatMap((line) =>
    sanitizeTerminalText(line, {multiline: true}).split('\n'),
  );
  return (
    <Box
      flexDirection="column"
      width={props.width}
      height={props.height}
      borderStyle="double"
      borderColor={colourOf('status.critical')}
      paddingX={1}
      overflow="hidden"
    >
      <Text bold color={colourOf('status.critical')} wrap="truncate-end">
        {sanitizeTerminalText(props.title)}
      </Text>
      {details.slice(0, detailRows).map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text
        <Text key={index} wrap="truncate-end">
          {line}
        </Text>
      ))}
      {details.length > detailRows ? (
        <Text color={colourOf('text.muted')}>{`… ${details.length - detailRows} more lines`}</Text>
      ) : null}
      <Text wrap="truncate-end">
        {'Type '}
        <Text bold color={colourOf('status.warn')}>
          {props.word}
        </Text>
        {' and press Enter to proceed, Esc to cancel.'}
      </Text>
      <Text wrap="truncate-end">
        <Text color={colourOf('text.accent')}>{'> '}</Text>
        {input.typed}
        <Text inverse> </Text>
        {rejected ? (
          <Text color={colourOf('status.critical')}>{`  not "${props.word}"`}</Text>
        ) : null}
      </Text>
    </Box>
  );
}
