import type {StateCreator} from 'zustand';
import type {CockpitState} from '../cockpit-store';

/**
 * The modal layer on top of the panes, one at a time: `help`, `command` (the `:` line), or one a
 * pane opens (a filter, a confirmation). While any overlay but `help` is open, only it gets keys.
 */
export type Overlay = 'help' | 'command' | (string & {}) | undefined;

/**
 * `true` under `--read-only`; a {@link ViewerAccess} in `cockpit join`, which is read-only too
 * and, beyond that, has no key that changes the host's incident or runbook.
 */
export type ReadOnlyMode = boolean | ViewerAccess;

/** What a join view may do: add notes when the host allows them (`--share-notes`). */
export type ViewerAccess = {viewer: true; notes: boolean};

export type UiSlice = {
  ui: {
    focusedPaneId: string;
    zoomed: boolean;
    overlay: Overlay;
    commandHistory: string[];
    /** One line of feedback under the panes, e.g. the result of a `:` command. */
    message: string | undefined;
    /** First line of the help screen shown. */
    helpScroll: number;
    paused: boolean;
    /** The base refresh interval (0.5 to 10 s) changed with `+`/`-`; probes scale from 2 s. */
    refreshSeconds: number;
    readOnly: ReadOnlyMode;
    /** An open incident opened against another database, not resumed (`:resume` keeps it). */
    incidentElsewhere?: {id: string; target: string};
  };
  updateUi: (patch: Partial<UiSlice['ui']>) => void;
};

export const createUiSlice =
  (initial: {
    focusedPaneId: string;
    readOnly: boolean;
    refreshSeconds?: number;
  }): StateCreator<CockpitState, [], [], UiSlice> =>
  (set) => ({
    ui: {
      focusedPaneId: initial.focusedPaneId,
      zoomed: false,
      overlay: undefined,
      commandHistory: [],
      message: undefined,
      helpScroll: 0,
      paused: false,
      refreshSeconds: initial.refreshSeconds ?? 2,
      readOnly: initial.readOnly,
    },
    updateUi: (patch) => set((state) => ({ui: {...state.ui, ...patch}})),
  });
