import type {StateCreator} from 'zustand';
import type {CockpitState} from '../cockpit-store';

/** Severity levels of the runbooks' severity table. */
export type Severity = 'P0' | 'P1' | 'P2' | 'P3';

/** The open incident as the header shows it. */
export type IncidentHeader = {id: string; title: string; severity: Severity; status: string};

/** One line of the timeline region. */
export type TimelineEntry = {id: string; at: number; kind: string; actor: string; text: string};

export type IncidentSlice = {
  incident: IncidentHeader | undefined;
  timeline: TimelineEntry[];
  setIncident: (incident: IncidentHeader | undefined) => void;
  appendTimeline: (entries: TimelineEntry[]) => void;
};

export const createIncidentSlice: StateCreator<CockpitState, [], [], IncidentSlice> = (set) => ({
  incident: undefined,
  timeline: [],
  setIncident: (incident) => set({incident}),
  appendTimeline: (entries) => set((state) => ({timeline: [...state.timeline, ...entries]})),
});
