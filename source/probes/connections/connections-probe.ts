import type {ProbeDefinition, VersionedSql} from '../probe-types';
import {sqlForVersion} from '../probe-types';
import summaryPg13 from './summary.pg13.sql';
import summaryPg16 from './summary.pg16.sql';

/** Client connections against the server's limit. */
export type ConnectionsSnapshot = {
  total: number;
  max: number;
  /** Slots kept for superusers (and, from PostgreSQL 16, `pg_use_reserved_connections`). */
  reserved: number;
  byState: Record<string, number>;
};

const summaryVariants: VersionedSql[] = [
  {minVersion: 130000, sql: summaryPg13},
  {minVersion: 160000, sql: summaryPg16},
];

type SummaryRow = {
  max_connections: number;
  reserved_connections: number;
  total: number;
  by_state: Record<string, number>;
};

/** The connections pane's probe. */
export const connectionsProbe: ProbeDefinition<ConnectionsSnapshot> = {
  id: 'connections',
  title: 'Connections',
  intervalMs: 2000,
  samples: (snapshot) => ({'connections.total': snapshot.total}),
  async run({lifeline, serverVersion}) {
    const {rows} = await lifeline.read<SummaryRow>(sqlForVersion(summaryVariants, serverVersion()));
    const row = rows[0];
    if (!row) throw new Error('pg_stat_activity returned no summary row');
    return {
      total: row.total,
      max: row.max_connections,
      reserved: row.reserved_connections,
      byState: row.by_state,
    };
  },
};
