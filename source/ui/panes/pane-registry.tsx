import type {ComponentType} from 'react';
import type {ApplicationSettings} from '../../config/application-settings';
import type {RegionProps} from '../PaneFrame';
import {CampaignsPane} from './CampaignsPane';
import {ConnectionsPane} from './ConnectionsPane';
import {DeadLetterPane} from './DeadLetterPane';
import {FailedEmailsPane} from './FailedEmailsPane';
import {IntegrationsPane} from './IntegrationsPane';
import {LocksPane} from './LocksPane';
import {RunbookRegion} from './RunbookRegion';
import {SignalsPane} from './SignalsPane';
import {TimelinePane} from './TimelinePane';

/** A focusable region of the screen: a live pane, or the runbook or timeline region. */
export type RegionDefinition = {
  id: string;
  title: string;
  /** Tab strip label when the full titles do not fit (80 columns). */
  shortTitle: string;
  /** Names accepted by `:` to jump here. */
  aliases: string[];
  component: ComponentType<RegionProps>;
  /** Shown only when this holds for the configuration (absent: always shown). */
  shownWhen?: (settings: ApplicationSettings) => boolean;
};

/** The live panes, in grid order. */
export const paneRegions: readonly RegionDefinition[] = [
  {
    id: 'connections',
    title: 'Connections',
    shortTitle: 'Conns',
    aliases: ['conn', 'activity'],
    component: ConnectionsPane,
  },
  {id: 'locks', title: 'Locks', shortTitle: 'Locks', aliases: ['blocking'], component: LocksPane},
  {
    id: 'dlq',
    title: 'Dead letters',
    shortTitle: 'DLQ',
    aliases: ['dead-letters', 'deadletter'],
    component: DeadLetterPane,
  },
  {
    id: 'emails',
    title: 'Failed emails',
    shortTitle: 'Emails',
    aliases: ['email', 'mail'],
    component: FailedEmailsPane,
  },
  {
    id: 'campaigns',
    title: 'Campaigns',
    shortTitle: 'Campaigns',
    aliases: ['campaign'],
    component: CampaignsPane,
  },
  {
    id: 'integrations',
    title: 'Integrations',
    shortTitle: 'Health',
    aliases: ['functions', 'health'],
    component: IntegrationsPane,
  },
  {
    id: 'signals',
    title: 'Signals',
    shortTitle: 'Signals',
    aliases: ['signal', 'metrics'],
    component: SignalsPane,
    shownWhen: (settings) => settings.signals.length > 0,
  },
];

/** The regions below the panes. */
export const lowerRegions: readonly RegionDefinition[] = [
  {
    id: 'runbook',
    title: 'Runbook',
    shortTitle: 'Runbook',
    aliases: ['runbooks'],
    component: RunbookRegion,
  },
  {
    id: 'timeline',
    title: 'Timeline',
    shortTitle: 'Timeline',
    aliases: ['events', 'log'],
    component: TimelinePane,
  },
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
