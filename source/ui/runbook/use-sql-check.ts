import {useEffect, useRef, useState} from 'react';
import type {CodeBlock} from '../../runbooks/runbook-model';
import type {SqlCheckResult} from '../../runbooks/sql-check';
import {useCockpitActions} from '../cockpit-actions';

const sqlLanguages = new Set(['sql', 'postgresql', 'psql', 'pgsql']);

/**
 * Whether the shown SQL block can run on this database (EXPLAIN, in the background, once per
 * block text); undefined until known. Skipped checks (not connected) are tried again later.
 */
export function useSqlCheck(code: CodeBlock | undefined): SqlCheckResult | undefined {
  const actions = useCockpitActions();
  const results = useRef(new Map<string, SqlCheckResult>());
  const [, setChecked] = useState(0);
  const check = actions.checkRunbookSql;
  useEffect(() => {
    if (!code || !check || !sqlLanguages.has(code.lang.toLowerCase())) return;
    if (results.current.has(code.text)) return;
    let shown = true;
    check(code).then(
      (result) => {
        if (result.status !== 'skipped') results.current.set(code.text, result);
        if (shown) setChecked((count) => count + 1);
      },
      () => undefined,
    );
    return () => {
      shown = false;
    };
  }, [code, check]);
  return code ? results.current.get(code.text) : undefined;
}
