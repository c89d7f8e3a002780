import {
  defaultRunbookFolder,
  type LoadOptions,
  loadRunbookFile,
  runbookFilesIn,
} from './runbook-library';
import type {Runbook} from './runbook-model';
import {builtinOrigin, type RunbookSources, selectsBuiltin} from './runbook-source-paths';
import {applySchemaNames, type SchemaNames} from './schema-names';

/**
 * Loads every runbook of the sources, configured names substituted. A team's runbook whose id
 * is a built-in one replaces it; a broken or missing file is still listed, carrying its error,
 * so the cockpit never stops over it.
 */
export async function loadRunbookSources(
  sources: RunbookSources,
  names?: SchemaNames,
  /** Alert ids to add to runbooks' triggers, by runbook id (a signal's `runbook:`). */
  extraTriggers: Readonly<Record<string, readonly string[]>> = {},
  options: LoadOptions = {},
): Promise<Runbook[]> {
  const groups: Array<{origin: string; files: string[]}> = [];
  if (sources.builtin !== false) {
    const files = await runbookFilesIn([defaultRunbookFolder()]);
    groups.push({
      origin: builtinOrigin,
      files: files.filter((file) => selectsBuiltin(sources.builtin, file)),
    });
  }
  for (const source of sources.paths)
    groups.push({origin: source.origin, files: await runbookFilesIn([source.path])});
  const byId = new Map<string, Runbook>();
  for (const group of groups) {
    for (const file of group.files) {
      // One after another: each parse already gives way between slices, and one file's text at
      // a time keeps memory bounded.
      const loaded = await loadRunbookFile(file, options);
      const runbook = {...(names ? applySchemaNames(loaded, names) : loaded), origin: group.origin};
      const existing = byId.get(runbook.id);
      if (existing && existing.origin !== builtinOrigin) {
        // Two team runbooks with one id: keep both, the second under a distinct id.
        let index = 2;
        while (byId.has(`${runbook.id}-${index}`)) index += 1;
        const id = `${runbook.id}-${index}`;
        byId.set(id, {
          ...runbook,
          id,
          warnings: [
            ...runbook.warnings,
            {
              line: 1,
              level: 'warning',
              message: `id "${runbook.id}" is used by ${existing.file} too; listed as "${id}"`,
            },
          ],
        });
        continue;
      }
      byId.set(runbook.id, runbook);
    }
  }
  return [...byId.values()].map((runbook) => {
    const extra = (extraTriggers[runbook.id] ?? []).filter((id) => !runbook.triggers.includes(id));
    return extra.length > 0 ? {...runbook, triggers: [...runbook.triggers, ...extra]} : runbook;
  });
}
