/**
 * The graphic rendition (colours and attributes) a terminal applies to the text it is given,
 * kept as one canonical key per combination so two cells compare with a string equality and
 * the key itself is the parameter list that restores the state after a reset (`ESC[0;<key>m`).
 */
export type SgrState = {
  attributes: Set<number>;
  foreground: string;
  background: string;
};

/** Parameters that switch an attribute on, with the parameter that switches it off. */
const attributeOff: Record<number, readonly number[]> = {
  22: [1, 2],
  23: [3],
  24: [4],
  25: [5],
  27: [7],
  28: [8],
  29: [9],
  55: [53],
};
const attributeOn = new Set([1, 2, 3, 4, 5, 7, 8, 9, 53]);

export function plainSgr(): SgrState {
  return {attributes: new Set(), foreground: '', background: ''};
}

/** The key of a state: '' for the terminal's defaults. */
export function sgrKey(state: SgrState): string {
  const parts = [...state.attributes].sort((a, b) => a - b).map(String);
  if (state.foreground) parts.push(state.foreground);
  if (state.background) parts.push(state.background);
  return parts.join(';');
}

/** The key a cell erased under this state carries: erasing paints only the background. */
export function erasedKey(state: SgrState): string {
  return state.background;
}

/** The sequence that puts a terminal into the state of `key`, whatever state it was in. */
export function sgrSequence(key: string): string {
  return key === '' ? '\u001b[0m' : `\u001b[0;${key}m`;
}

/**
 * Applies the parameters of one SGR sequence (`1;38;5;208`) to `state`. Returns false for a
 * parameter this model does not know, so the caller can stop trusting its picture of the screen.
 */
export function applySgr(state: SgrState, parameters: string): boolean {
  const codes = parameters === '' ? [0] : parameters.split(';').map(Number);
  for (let index = 0; index < codes.length; index++) {
    const code = codes[index] as number;
    if (Number.isNaN(code)) return false;
    if (code === 0) {
      state.attributes.clear();
      state.foreground = '';
      state.background = '';
    } else if (attributeOn.has(code)) state.attributes.add(code);
    else if (attributeOff[code]) for (const off of attributeOff[code]) state.attributes.delete(off);
    else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) state.foreground = `${code}`;
    else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107))
      state.background = `${code}`;
    else if (code === 39) state.foreground = '';
    else if (code === 49) state.background = '';
    else if (code === 38 || code === 48) {
      const mode = codes[index + 1];
      const length = mode === 5 ? 2 : mode === 2 ? 4 : 0;
      if (length === 0 || index + length >= codes.length) return false;
      const colour = codes.slice(index, index + length + 1);
      if (colour.some(Number.isNaN)) return false;
      if (code === 38) state.foreground = colour.join(';');
      else state.background = colour.join(';');
      index += length;
    } else return false;
  }
  return true;
}
