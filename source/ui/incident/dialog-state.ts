/** One question of an input overlay: free text, or a choice among fixed options. */
export type DialogStep =
  | {kind: 'text'; label: string; value: string; optional?: boolean}
  | {
      kind: 'choice';
      label: string;
      options: readonly string[];
      index: number;
      /** A line about each option, shown for the chosen one. */
      hints?: readonly string[];
    };

/** An input overlay being filled in, one step at a time. */
export type DialogState = {title: string; steps: DialogStep[]; current: number; error?: string};

/** What one key did: the new state, or the answers once the last step is confirmed, or cancel. */
export type DialogOutcome = {state: DialogState; answers?: string[]; cancel?: true};

/** Starts a dialog at its first step. */
export function openDialog(title: string, steps: DialogStep[]): DialogState {
  return {title, steps, current: 0};
}

/** Edits the dialog for one key name (as `keyNamesOf` gives them). Pure: tested without Ink. */
export function editDialog(state: DialogState, keyName: string): DialogOutcome {
  const step = state.steps[state.current]!;
  if (keyName === 'escape') return {state, cancel: true};
  if (keyName === 'enter') {
    if (step.kind === 'text' && !step.optional && step.value.trim() === '') {
      return {state: {...state, error: `${step.label} cannot be empty`}};
    }
    if (state.current + 1 < state.steps.length) {
      return {state: {...state, current: state.current + 1, error: undefined}};
    }
    return {state, answers: state.steps.map(answerOf)};
  }
  const next = step.kind === 'text' ? editText(step, keyName) : editChoice(step, keyName);
  if (next === step) return {state};
  const steps = state.steps.slice();
  steps[state.current] = next;
  return {state: {...state, steps, error: undefined}};
}

function answerOf(step: DialogStep): string {
  return step.kind === 'text' ? step.value.trim() : step.options[step.index]!;
}

function editText(step: Extract<DialogStep, {kind: 'text'}>, keyName: string): DialogStep {
  if (keyName === 'backspace')
    return {...step, value: Array.from(step.value).slice(0, -1).join('')};
  if (keyName === 'space') return {...step, value: `${step.value} `};
  // Printable characters only: named keys (tab, up, ctrl+x) do nothing here.
  if (Array.from(keyName).length !== 1) return step;
  return {...step, value: step.value + keyName};
}

function editChoice(step: Extract<DialogStep, {kind: 'choice'}>, keyName: string): DialogStep {
  const count = step.options.length;
  if (['left', 'up', 'k', 'h', 'shift+tab'].includes(keyName))
    return {...step, index: (step.index - 1 + count) % count};
  if (['right', 'down', 'j', 'l', 'tab', 'space'].includes(keyName))
    return {...step, index: (step.index + 1) % count};
  // A digit picks the option it names (2 → P2), else the option at that position; a letter
  // picks the next option that starts with it.
  if (/^\d$/.test(keyName)) {
    const named = step.options.findIndex((option) => option.endsWith(keyName));
    if (named >= 0) return {...step, index: named};
    const position = Number(keyName);
    return position >= 1 && position <= count ? {...step, index: position - 1} : step;
  }
  const lower = keyName.toLowerCase();
  for (let offset = 1; offset <= count; offset++) {
    const index = (step.index + offset) % count;
    if (step.options[index]!.toLowerCase().startsWith(lower)) return {...step, index};
  }
  return step;
}
