import {Box, Text, useInput} from 'ink';
import {useEffect, useState} from 'react';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {keyNamesOf} from '../keys';
import {colourOf} from '../theme';
import {type DialogState, editDialog} from './dialog-state';

/**
 * One line in place of the footer asking the overlay's current question: text with a cursor, or
 * the options with the chosen one highlighted. Enter goes on, Esc cancels.
 */
export function IncidentDialog(props: {
  width: number;
  initial: DialogState;
  /** Keys that arrived before this component was listening. */
  typedKeys?: readonly string[];
  onSubmit: (answers: string[]) => void;
  onCancel: () => void;
}) {
  const [state, setState] = useState(props.initial);
  const [early] = useState(() => [...(props.typedKeys ?? [])]);
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
    if (early.length > 0) apply(early.splice(0), props.initial);
  });
  useInput((input, key) => apply(keyNamesOf(input, key), state));
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
