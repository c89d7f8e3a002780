import type {WriteRequest} from './write-requests';

/**
 * The one read-only check (`cockpit --read-only`): why `write` may not run, or undefined when
 * it may. Only a runbook SQL step that classifies as a plain read passes; every database
 * action, application action, other SQL step and shell step is refused. The write pipeline
 * asks it before anything runs, previews included; nothing else decides.
 */
export function readOnlyRefusal(write: WriteRequest, readOnly: boolean): string | undefined {
  if (!readOnly) return undefined;
  switch (write.kind) {
    case 'runbook-sql': {
      const {sqlClass} = write.request.prepared.classification;
      return sqlClass === 'read' ? undefined : `read-only mode: this step is a ${sqlClass}`;
    }
    case 'runbook-shell':
      return 'read-only mode: shell steps are disabled';
    case 'database':
      return `${write.request.summary}: refused, the cockpit is read-only`;
    case 'application':
      return 'read-only mode: actions are disabled';
  }
}
