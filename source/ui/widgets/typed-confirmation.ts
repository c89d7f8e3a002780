/** The state of a typed confirmation: what has been typed so far. */
export type ConfirmationInput = {typed: string};

/** Applies one key to a typed confirmation; `confirmed` only for the exact word followed by Enter. */
export function editConfirmation(
  state: ConfirmationInput,
  keyName: string,
  word: string,
): {state: ConfirmationInput; confirmed?: true; cancelled?: true; rejected?: true} {
  if (keyName === 'escape') return {state, cancelled: true};
  if (keyName === 'enter')
    return state.typed === word ? {state, confirmed: true} : {state: {typed: ''}, rejected: true};
  if (keyName === 'backspace') return {state: {typed: state.typed.slice(0, -1)}};
  if (keyName === 'space') return {state: {typed: `${state.typed} `}};
  if (Array.from(keyName).length !== 1) return {state};
  return {state: {typed: (state.typed + keyName).slice(0, 64)}};
}
