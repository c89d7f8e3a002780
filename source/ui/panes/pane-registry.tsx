import type {ComponentType} from 'react';
import type {RegionProps} from '../PaneFrame';
import {ConnectionsSummaryPane} from './ConnectionsSummaryPane';
import {RunbookRegion} from './RunbookRegion';
import {TimelinePane} from './TimelinePane';

/** A focusable region of the screen: a live pane, or the runbook or timeline region. */
export type RegionDefinition = {
  id: string;
  title: string;
  /** Names accepted by `:` to jump here. */
  aliases: string[];
  /** The pane; none yet means the screen says plainly that this pane has no probe. */
  component?: ComponentType<RegionProps>;
};

/** The live panes, in grid order. */
export const paneRegions: readonly RegionDefinition[] = [
  {
    id: 'connections',
    title: 'Connections',
    aliases: ['conn', 'activity'],
    component: ConnectionsSummaryPane,
  },
  {id: 'locks', title: 'Locks', aliases: ['blocking']},
  {
    id: 'dlq',
    title: 'Dead letters',
    aliases: ['dead-letters', 'deadletter'],
  },
  {
    id: 'emails',
    title: 'Failed emails',
    aliases: ['email', 'mail'],
  },
  {id: 'campaigns', title: 'Campaigns', aliases: ['campaign']},
  {
    id: 'integrations',
    title: 'Integrations',
    aliases: ['functions', 'health'],
  },
];

/** The regions below the panes. */
export const lowerRegions: readonly RegionDefinition[] = [
  {id: 'runbook', title: 'Runbook', aliases: ['runbooks'], component: RunbookRegion},
  {id: 'timeline', title: 'Timeline', aliases: ['events', 'log'], component: TimelinePane},
];

/** Every region, in focus order. */
export const allRegions: readonly RegionDefinition[] = [...paneRegions, ...lowerRegions];

/** The region named `name` (id, title or alias, any case), if any. */
export function findRegion(name: string): RegionDefinition | undefined {
  const wanted = name.trim().toLowerCase();
  return allRegions.find(
    (region) =>
      region.id === wanted ||
      region.title.toLowerCase() === wanted ||
      region.aliases.includes(wanted),
  );
}
