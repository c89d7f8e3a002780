import {Text} from 'ink';
import type {Runbook} from '../../runbooks/runbook-model';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {colourOf} from '../theme';

/** Where a picker entry came from (a team's path; the library says nothing) and its first lint error. */
export function RunbookOriginMark(props: {runbook: Runbook}) {
  const {origin, warnings} = props.runbook;
  const error = warnings.find((warning) => warning.level === 'error');
  return (
    <>
      {origin && origin !== 'built-in' ? (
        <Text
          color={colourOf('text.muted')}
        >{` [${sanitizeTerminalText(origin, {maxLength: 40})}]`}</Text>
      ) : null}
      {error ? (
        <Text color={colourOf('status.critical')}>
          {` ✗ line ${error.line}: ${sanitizeTerminalText(error.message, {maxLength: 120})}`}
        </Text>
      ) : null}
    </>
  );
}
