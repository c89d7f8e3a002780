import {readdir, readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import fuzzysort from 'fuzzysort';
import {defaultSchemaNames} from './default-schema-names';
import {parseRunbook} from './parse-runbook';
import type {Runbook} from './runbook-model';
import {applySchemaNames, type SchemaNames} from './schema-names';

/** Files bigger than this are not read at all (a runbook is a few kilobytes). */
const maxFileBytes = 16 * 1024 * 1024;

/** The folder of the library shipped with the program (`<package>/runbooks/`). */
export function defaultRunbookFolder(): string {
  // Bundled, this module is <package>/dist/cli.js; under the tests it is source/runbooks/*.ts.
  const fromSource = import.meta.url.includes('/source/runbooks/');
  return fileURLToPath(new URL(fromSource ? '../../runbooks/' : '../runbooks/', import.meta.url));
}

/** Reads and parses one runbook file; an unreadable file is a runbook with an error warning. */
export async function loadRunbookFile(file: string): Promise<Runbook> {
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      // A device or a FIFO reports size 0 and never ends: /dev/zero would hang the reader.
      return {
        ...parseRunbook('', file),
        warnings: [{line: 0, level: 'error', message: 'not a regular file; not read'}],
      };
    }
    if (info.size > maxFileBytes) {
      return {
        ...parseRunbook('', file),
        warnings: [
          {
            line: 0,
            level: 'error',
            message: `larger than ${maxFileBytes / 1024 / 1024} MiB; not read`,
          },
        ],
      };
    }
    return parseRunbook(await readFile(file), file);
  } catch (error) {
    const code = (error as {code?: string}).code;
    const message =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : (code ?? String(error));
    return {
      ...parseRunbook('', file),
      warnings: [{line: 0, level: 'error', message: `cannot read: ${message}`}],
    };
  }
}

/** The Markdown files under the given files or folders (folders are searched one level deep). */
export async function runbookFilesIn(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const item of paths) {
    const info = await stat(item).catch(() => undefined);
    if (info?.isDirectory()) {
      const entries = await readdir(item);
      files.push(
        ...entries
          .filter((name) => /\.(md|markdown)$/i.test(name))
          .sort()
          .map((name) => path.join(item, name)),
      );
    } else files.push(item);
  }
  return files;
}

/**
 * Every runbook under `folder`, sorted by file name, with `{{tables.…}}` names substituted
 * (the defaults fit the demo schema).
 */
export async function loadRunbookLibrary(
  folder: string = defaultRunbookFolder(),
  names: SchemaNames = defaultSchemaNames(),
): Promise<Runbook[]> {
  const files = await runbookFilesIn([folder]);
  const runbooks = await Promise.all(files.map(loadRunbookFile));
  return runbooks.map((runbook) => applySchemaNames(runbook, names));
}

/** A runbook as the picker lists it: suggested when its triggers match an active alert. */
export type RunbookSuggestion = {runbook: Runbook; suggested: boolean; matchedTriggers: string[]};

/** The library with runbooks whose triggers match active alert rule ids first, marked suggested. */
export function suggestRunbooks(
  library: readonly Runbook[],
  activeAlertRuleIds: Iterable<string>,
): RunbookSuggestion[] {
  const active = new Set(activeAlertRuleIds);
  const listed = library.map((runbook) => {
    const matchedTriggers = runbook.triggers.filter((trigger) => active.has(trigger));
    return {runbook, suggested: matchedTriggers.length > 0, matchedTriggers};
  });
  return listed.sort(
    (left, right) =>
      right.matchedTriggers.length - left.matchedTriggers.length ||
      left.runbook.title.localeCompare(right.runbook.title),
  );
}

/**
 * Fuzzy search over titles, ids and incident titles (fuzzysort); an empty query keeps the order
 * given (suggested first).
 */
export function searchRunbooks(
  suggestions: readonly RunbookSuggestion[],
  query: string,
): RunbookSuggestion[] {
  if (query.trim() === '') return [...suggestions];
  const targets = suggestions.map((suggestion) => ({
    suggestion,
    title: suggestion.runbook.title,
    id: suggestion.runbook.id,
    incidents: suggestion.runbook.incidents.map((incident) => incident.title).join(' · '),
  }));
  const results = fuzzysort.go(query, targets, {
    keys: ['title', 'id', 'incidents'],
    threshold: 0.3,
  });
  return results.map((result) => result.obj.suggestion);
}
