import {Box, Text, useInput} from 'ink';
import {useEffect} from 'react';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {keyNamesOf} from '../keys';
import {colourOf} from '../theme';
import {useLatestState} from '../use-latest-state';
import {type DialogState, editDialog} from './dialog-state';

/**
 * One line in place of the footer asking the overlay's current question: text with a cursor, or
 * the options with the chosen one highlighted. Enter goes on, Esc cancels.
 */
export function IncidentDialog(props: {
  width: number;
  initial: DialogState;
  /**
   * Takes the keys that arrived before this component was listening (the rest of the chunk
   * that opened it, and any event the screen received before this one's handler was on).
   */
  takeTypedKeys?: () => string[];
  onSubmit: (answers: string[]) => void;
  onCancel: () => void;
}) {
  const [state, currentState, setState] = useLatestState(props.initial);
  const apply = (keyNames: readonly string[], from: DialogState) => {
    let next = from;
    for (const keyName of keyNames) {
      const outcome = editDialog(next, keyName);
      if (outcome.cancel) return props.onCancel();
      if (outcome.answers) return props.onSubmit(outcome.answers);
      next = outcome.state;
    }
    setState(next);
  };
  useEffect(() => {
    const early = props.takeTypedKeys?.() ?? [];
    if (early.length > 0) apply(early, currentState());
  });
  useInput((input, key) =>
    apply([...(props.takeTypedKeys?.() ?? []), ...keyNamesOf(input, key)], currentState()),
  );
  const step = state.steps[state.current]!;
  const progress = state.steps.length > 1 ? ` ${state.current + 1}/${state.steps.length}` : '';
  return (
    <Box width={props.width} height={1} overflow="hidden">
      <Text wrap="truncate-start">
        <Text bold color={colourOf('text.accent')}>{`${state.title}${progress} › `}</Text>
        <Text color={colourOf('text.muted')}>{`${step.label}: `}</Text>
        {step.kind === 'text' ? (
          <>
            {sanitizeTerminalText(step.value)}
            <Text inverse> </Text>
          </>
        ) : (
          <>
            {step.options.map((option, index) => (
              <Text key={option} inverse={index === step.index}>{` ${option} `}</Text>
            ))}
            {step.hints?.[step.index] ? (
              <Text color={colourOf('text.muted')}>{`  ${step.hints[step.index]}`}</Text>
            ) : null}
          </>
        )}
        {state.error ? <Text color={colourOf('status.critical')}>{`  ${state.error}`}</Text> : null}
      </Text>
    </Box>
  );
}
