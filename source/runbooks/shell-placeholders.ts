import type {Placeholder} from './runbook-model';

/** A command with placeholders turned into environment variables, and those variables. */
export type BoundCommand = {command: string; environment: Record<string, string>};

type QuoteState = 'none' | 'single' | 'double';

/** The quoting in effect at each character of a POSIX shell command. */
function quoteStates(command: string): QuoteState[] {
  const states: QuoteState[] = [];
  let state: QuoteState = 'none';
  for (let index = 0; index < command.length; index += 1) {
    states.push(state);
    const character = command[index];
    if (state !== 'single' && character === '\\') {
      index += 1;
      states.push(state);
    } else if (state === 'none' && character === "'") state = 'single';
    else if (state === 'single' && character === "'") state = 'none';
    else if (state === 'none' && character === '"') state = 'double';
    else if (state === 'double' && character === '"') state = 'none';
  }
  return states;
}

/**
 * Binds placeholders of a shell or HTTP step without ever splicing a value into the command:
 * `$NAME` placeholders are passed as environment variables of that name, and every other
 * placeholder is replaced by a reference to a `COCKPIT_VALUE_n` variable, quoted for where it
 * sits (inside '…', inside "…", or bare). `environment` supplies values not given (`$HOME`).
 */
export function bindShellPlaceholders(
  command: string,
  placeholders: readonly Placeholder[],
  values: Readonly<Record<string, string>>,
  environment: Readonly<Record<string, string | undefined>> = {},
): BoundCommand | {error: string} {
  const bound: Record<string, string> = {};
  const replacements: Array<{start: number; end: number; variable: string}> = [];
  let counter = 0;
  for (const placeholder of placeholders) {
    const value =
      values[placeholder.name] ??
      (placeholder.kind === 'environment' ? environment[placeholder.name] : undefined);
    if (value === undefined)
      return {error: `missing value for ${placeholder.token} (${placeholder.name})`};
    if (value.includes('\u0000'))
      return {error: `the value for ${placeholder.name} contains a NUL byte`};
    if (placeholder.kind === 'environment') {
      bound[placeholder.name] = value;
      continue;
    }
    counter += 1;
    const variable = `COCKPIT_VALUE_${counter}`;
    bound[variable] = value;
    let index = command.indexOf(placeholder.token);
    while (index >= 0) {
      replacements.push({start: index, end: index + placeholder.token.length, variable});
      index = command.indexOf(placeholder.token, index + placeholder.token.length);
    }
  }
  const states = quoteStates(command);
  let result = command;
  for (const item of replacements.sort((left, right) => right.start - left.start)) {
    const state = states[item.start] ?? 'none';
    const reference =
      state === 'double'
        ? `\${${item.variable}}`
        : state === 'single'
          ? `'"\${${item.variable}}"'`
          : `"\${${item.variable}}"`;
    result = result.slice(0, item.start) + reference + result.slice(item.end);
  }
  return {command: result, environment: bound};
}
