import {Box, Text} from 'ink';
import type {SqlCheckResult} from '../../runbooks/sql-check';
import type {StepResultView} from '../../store/slices/runbook-slice';
import {fitToWidth} from '../../text/format';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {colourOf} from '../theme';
import type {FlatStep} from './navigator-types';

const resultTones = {ok: 'status.ok', warn: 'status.warn', critical: 'status.critical'} as const;

/** Lines of `text` wrapped to `width` (sanitised first). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of sanitizeTerminalText(text, {multiline: true, maxLength: 8000}).split(
    '\n',
  )) {
    let rest = paragraph;
    while (rest.length > width) {
      const cut = rest.lastIndexOf(' ', width) > width / 2 ? rest.lastIndexOf(' ', width) : width;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut).trimStart();
    }
    lines.push(rest);
  }
  return lines;
}

/** The current step: where it is, its text, its code and the result of its last run. */
export function RunbookStepDetail(props: {
  step: FlatStep;
  result: StepResultView | undefined;
  /** The code block `r` runs and `y` copies (`[`/`]` choose). */
  blockIndex: number;
  /** EXPLAIN's verdict on the chosen SQL block, when known. */
  sqlCheck?: SqlCheckResult;
  width: number;
  height: number;
}) {
  const {step, result, blockIndex, width, height} = props;
  const lines: Array<{text: string; tone?: Parameters<typeof colourOf>[0]; bold?: boolean}> = [];
  lines.push({
    text: `${sanitizeTerminalText(step.incident)} › ${sanitizeTerminalText(step.phase)}`,
    tone: 'text.muted',
  });
  for (const line of wrap(step.step.text, width)) lines.push({text: line, bold: true});
  // The result comes before the code: on a small screen it is what the operator looks for.
  if (result) {
    lines.push({
      text: sanitizeTerminalText(result.summary),
      tone: resultTones[result.tone],
      bold: true,
    });
    if (result.columns.length > 0) {
      const columnWidth = Math.max(
        6,
        Math.floor((width - result.columns.length) / result.columns.length),
      );
      const row = (cells: readonly string[]) =>
        cells.map((cell) => fitToWidth(sanitizeTerminalText(cell), columnWidth)).join(' ');
      lines.push({text: row(result.columns), tone: 'text.muted'});
      for (const cells of result.rows) lines.push({text: row(cells)});
    }
  }
  if (props.sqlCheck?.status === 'fails')
    for (const line of wrap(`✗ cannot run on this database: ${props.sqlCheck.message}`, width))
      lines.push({text: line, tone: 'status.critical'});
  step.step.code.forEach((code, index) => {
    const several = step.step.code.length > 1;
    const chosen = several && index === blockIndex ? ' ▶ chosen ([ ] choose)' : '';
    const count = several ? ` ${index + 1}/${step.step.code.length}` : '';
    lines.push({
      text: `── ${sanitizeTerminalText(code.lang || 'code')}${count}${chosen} ──`,
      tone: chosen ? 'text.accent' : 'text.muted',
    });
    for (const line of sanitizeTerminalText(code.text, {multiline: true, maxLength: 8000}).split(
      '\n',
    )) {
      lines.push({text: line, tone: 'text.accent'});
    }
  });
  const shown = lines.slice(0, height);
  if (lines.length > height && height > 1)
    shown[height - 1] = {
      text: `… ${lines.length - height + 1} more lines (z zooms the region)`,
      tone: 'text.muted',
    };
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {shown.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one step's fixed text
        <Text key={index} wrap="truncate-end" color={colourOf(line.tone)} bold={line.bold}>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
