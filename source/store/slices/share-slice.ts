import type {StateCreator} from 'zustand';
import type {CockpitState} from '../cockpit-store';

/** A viewer attached to this cockpit, as `:viewers` lists it. */
export type AttachedViewer = {id: string; name: string; address: string; joinedAt: number};

/** A sharing host's view of its viewers. */
export type ShareHostState = {
  viewers: AttachedViewer[];
  /** Requests refused: bad tokens, a full house, garbage, messages asking for more than a view. */
  refused: number;
  /** The command a viewer runs (the token left out when it came from a file). */
  joinCommand: string;
  notes: boolean;
};

/** How fresh a viewer's copy is. */
export type ViewerFeed =
  | {kind: 'live'; lastMessageAt: number}
  | {kind: 'reconnecting'; attempt: number; lastMessageAt: number};

/** A viewer's knowledge of the host it watches. */
export type ShareViewerState = {
  host: string;
  url: string;
  feed: ViewerFeed;
  notes: boolean;
  redacted: boolean;
};

export type ShareSlice = {
  share: {
    /** `--present` / `:present`: customer data masked on this screen. */
    presenting: boolean;
    host: ShareHostState | undefined;
    viewer: ShareViewerState | undefined;
  };
  updateShare: (patch: Partial<ShareSlice['share']>) => void;
};

export const createShareSlice: StateCreator<CockpitState, [], [], ShareSlice> = (set) => ({
  share: {presenting: false, host: undefined, viewer: undefined},
  updateShare: (patch) => set((state) => ({share: {...state.share, ...patch}})),
});
