import type {CampaignsSnapshot} from '../../probes/campaigns/campaigns-probe';
import {formatDuration} from '../../text/format';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import type {TableRow} from '../widgets/DataTable';
import type {Column} from '../widgets/data-table-layout';

type Available = Extract<CampaignsSnapshot, {available: true}>;

/**
 * Columns of the campaigns table. In a narrow pane the breakdown by status goes first, then
 * the rate: `Done` standing still is what shows a stall at a glance.
 */
export const campaignColumns: readonly Column[] = [
  {key: 'name', title: 'Campaign', width: 14, grow: true},
  {key: 'progress', title: 'Done', width: 11, align: 'right', priority: 1},
  {key: 'statuses', title: 'Targets by status', width: 22, priority: 3},
  {key: 'rate', title: '/min', width: 6, align: 'right', priority: 2},
  {key: 'eta', title: 'ETA', width: 7, align: 'right'},
  {key: 'state', title: 'State', width: 18},
];

/** A campaign whose counts have not moved for this long shows it, before it counts as stalled. */
const quietAfterSeconds = 60;

/** One row per running campaign; stalled ones in the critical tone, quiet ones in the warning tone. */
export function campaignRows(snapshot: Available): Array<TableRow & {campaignId: string}> {
  return snapshot.campaigns.map((campaign) => {
    const done = campaign.total - campaign.pending;
    const statuses = Object.entries(campaign.counts)
      .sort((left, right) => right[1] - left[1])
      .map(([status, count]) => `${sanitizeTerminalText(status, {maxLength: 20})} ${count}`)
      .join(' ');
    // The rate covers five minutes; counts that stopped a minute ago say more than it does, so
    // neither the rate nor the ETA claims progress then.
    const quiet =
      campaign.pending > 0 && (campaign.quietSeconds ?? 0) >= quietAfterSeconds
        ? campaign.quietSeconds
        : undefined;
    const moving = quiet === undefined && !campaign.stalled;
    const eta =
      campaign.etaMinutes === null || !moving
        ? '–'
        : formatDuration(Math.round(campaign.etaMinutes * 60));
    return {
      id: campaign.id,
      campaignId: campaign.id,
      cells: {
        name: sanitizeTerminalText(campaign.name, {maxLength: 80}),
        progress: `${done}/${campaign.total}`,
        statuses,
        rate: moving ? campaign.throughputPerMinute.toFixed(1) : '–',
        eta,
        state: campaign.stalled
          ? `STALLED ${snapshot.stalledAfterMinutes}m+`
          : quiet !== undefined
            ? `no progress for ${Math.floor(quiet / 60)}m`
            : campaign.pending === 0
              ? 'finishing'
              : 'advancing',
      },
      tone: campaign.stalled ? 'status.critical' : quiet !== undefined ? 'status.warn' : undefined,
    };
  });
}
