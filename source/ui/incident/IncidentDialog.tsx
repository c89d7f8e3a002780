import {Box, Text, useInput} from 'ink';
import {useState} from 'react';
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
  onSubmit: (answers: string[]) => void;
  onCancel: () => void;
}) {
  const [state, setState] = useState(props.initial);
  useInput((input, key) => {
    let next = state;
    for (const keyName of keyNamesOf(input, key)) {
      const outcome = editDialog(next, keyName);
      if (outcome.cancel) return props.onCancel();
      if (outcome.answers) return props.onSubmit(outcome.answers);
      next = outcome.state;
    }
    setState(next);
  });
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
          step.options.map((option, index) => (
            <Text key={option} inverse={index === step.index}>{` ${option} `}</Text>
          ))
        )}
        {state.error ? <Text color={colourOf('status.critical')}>{`  ${state.error}`}</Text> : null}
      </Text>
    </Box>
  );
}
