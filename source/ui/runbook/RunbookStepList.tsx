import {Box, Text} from 'ink';
import {useRef} from 'react';
import type {StepStatus} from '../../runbooks/runbook-model';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {colourOf, type Tone} from '../theme';
import {scrollOffset} from '../widgets/data-table-layout';
import type {FlatStep} from './navigator-types';

const marks: Record<StepStatus | 'current' | 'open', {mark: string; tone?: Tone}> = {
  done: {mark: '✓', tone: 'status.ok'},
  skipped: {mark: '↷', tone: 'text.muted'},
  failed: {mark: '✗', tone: 'status.critical'},
  current: {mark: '▶', tone: 'text.accent'},
  open: {mark: '·'},
};

/** The steps as a windowed list with their status; phase names head each phase. */
export function RunbookStepList(props: {
  steps: readonly FlatStep[];
  statuses: Readonly<Record<string, StepStatus>>;
  cursor: number;
  height: number;
}) {
  const {steps, statuses, cursor, height} = props;
  const offsetRef = useRef(0);
  const offset = scrollOffset(offsetRef.current, cursor, height, steps.length);
  offsetRef.current = offset;
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {steps.slice(offset, offset + height).map((step, index) => {
        const position = offset + index;
        const status = statuses[step.key];
        const mark = marks[status ?? (position === cursor ? 'current' : 'open')];
        const phaseStart = position === 0 || steps[position - 1]!.phase !== step.phase;
        return (
          <Text key={step.key} wrap="truncate-end" inverse={position === cursor}>
            <Text color={colourOf(mark.tone)}>{`${mark.mark} `}</Text>
            <Text color={colourOf('text.muted')}>
              {phaseStart
                ? `${sanitizeTerminalText(step.phase, {maxLength: 24})}: `
                : '  '.repeat(step.depth + 1)}
            </Text>
            {sanitizeTerminalText(step.step.text, {maxLength: 300})}
            {step.step.code.length > 0 ? (
              <Text
                color={colourOf('text.accent')}
              >{` [${step.step.code.map((code) => code.lang || 'code').join(',')}]`}</Text>
            ) : null}
          </Text>
        );
      })}
    </Box>
  );
}
