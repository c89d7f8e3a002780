/** The `:` line being edited. */
export type CommandLineState = {
  text: string;
  historyIndex: number | undefined;
  completions: string[];
};

export const emptyCommandLine: CommandLineState = {
  text: '',
  historyIndex: undefined,
  completions: [],
};

/** Edits the line for one key; `submit` / `cancel` tell the caller to run or close it. */
export function editCommandLine(
  state: CommandLineState,
  keyName: string,
  history: readonly string[],
  complete: (text: string) => string[],
): {state: CommandLineState; submit?: string; cancel?: true} {
  switch (keyName) {
    case 'enter':
      return {state: emptyCommandLine, submit: state.text};
    case 'escape':
      return {state: emptyCommandLine, cancel: true};
    case 'backspace':
      return {state: {...state, text: state.text.slice(0, -1), completions: []}};
    case 'tab': {
      const completions = complete(state.text);
      if (completions.length === 0) return {state: {...state, completions}};
      const common = commonPrefix(completions);
      const text =
        completions.length === 1
          ? `${completions[0]} `
          : common.length > state.text.length
            ? common
            : state.text;
      return {state: {...state, text, completions: completions.length === 1 ? [] : completions}};
    }
    case 'up': {
      if (history.length === 0) return {state};
      const historyIndex = Math.max(0, (state.historyIndex ?? history.length) - 1);
      return {state: {text: history[historyIndex] ?? '', historyIndex, completions: []}};
    }
    case 'down': {
      if (state.historyIndex === undefined) return {state};
      const historyIndex = state.historyIndex + 1;
      if (historyIndex >= history.length) return {state: emptyCommandLine};
      return {state: {text: history[historyIndex] ?? '', historyIndex, completions: []}};
    }
    case 'space':
      return {state: {...state, text: `${state.text} `, completions: []}};
    default:
      // Printable characters only: named keys (left, pageup, ctrl+x) are ignored.
      if (Array.from(keyName).length !== 1) return {state};
      return {state: {...state, text: state.text + keyName, completions: []}};
  }
}

function commonPrefix(values: readonly string[]): string {
  let prefix = values[0] ?? '';
  for (const value of values) while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
