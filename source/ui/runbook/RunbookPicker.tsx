import {Box, Text, useInput} from 'ink';
import type {Runbook} from '../../runbooks/runbook-model';
import {searchRunbooks, suggestRunbooks} from '../../runbooks/runbook-suggestions';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {editCommandLine, emptyCommandLine} from '../command-line/command-line-state';
import {keyNamesOf} from '../keys';
import {colourOf} from '../theme';
import {useLatestState} from '../use-latest-state';
import {RunbookOriginMark} from './RunbookOriginMark';

const noCompletions = () => [];

/** Fuzzy search over the library, suggested runbooks first; Enter opens, Esc closes. */
export function RunbookPicker(props: {
  library: readonly Runbook[];
  activeRuleIds: readonly string[];
  height: number;
  onOpen: (runbookId: string) => void;
  onCancel: () => void;
}) {
  const [line, currentLine, setLine] = useLatestState(emptyCommandLine);
  const [selected, currentSelected, setSelected] = useLatestState(0);
  const entriesFor = (text: string) =>
    searchRunbooks(suggestRunbooks(props.library, props.activeRuleIds), text);
  const entries = entriesFor(line.text);
  useInput((input, key) => {
    let state = currentLine();
    let index = currentSelected();
    const entries = entriesFor(state.text);
    for (const keyName of keyNamesOf(input, key)) {
      if (keyName === 'up' || keyName === 'down') {
        index = Math.min(
          Math.max(0, entries.length - 1),
          Math.max(0, index + (keyName === 'up' ? -1 : 1)),
        );
        continue;
      }
      if (keyName === 'enter') {
        // A chunk can carry the query and Enter together ("conn\r"): match what was typed.
        const entry = entriesFor(state.text)[index];
        return entry ? props.onOpen(entry.runbook.id) : props.onCancel();
      }
      const result = editCommandLine(state, keyName, [], noCompletions);
      state = result.state;
      if (result.cancel) return props.onCancel();
      index = 0;
    }
    setLine(state);
    setSelected(index);
  });
  const room = Math.max(1, props.height - 2);
  const first = Math.max(0, selected - room + 1);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-start">
        <Text color={colourOf('text.accent')}>Open runbook: </Text>
        {sanitizeTerminalText(line.text)}
        <Text inverse> </Text>
      </Text>
      {entries.length === 0 ? <Text color={colourOf('text.muted')}>no runbook matches</Text> : null}
      {entries.slice(first, first + room).map((entry, index) => (
        <Text key={entry.runbook.id} wrap="truncate-end" inverse={first + index === selected}>
          <Text color={colourOf(entry.suggested ? 'status.warn' : 'text.muted')}>
            {entry.suggested ? '★ ' : '  '}
          </Text>
          {sanitizeTerminalText(entry.runbook.title)}
          <Text
            color={colourOf('text.muted')}
          >{`  ${sanitizeTerminalText(entry.runbook.severity ?? '')} ${entry.suggested ? 'suggested' : ''}`}</Text>
          <RunbookOriginMark runbook={entry.runbook} />
        </Text>
      ))}
    </Box>
  );
}
