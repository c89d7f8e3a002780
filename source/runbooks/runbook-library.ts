import {open, readdir, stat} from 'node:fs/promises';
import path from 'node:path';
import {defaultSchemaNames} from './default-schema-names';
import {
  type ParseOptions,
  type ParseProgress,
  parseRunbook,
  parseRunbookInSlices,
} from './parse-runbook';
import type {Runbook} from './runbook-model';
import {defaultRunbookFolder} from './runbook-source-paths';
import {applySchemaNames, type SchemaNames} from './schema-names';

/**
 * What is read of one file (a runbook is a few kilobytes): the rest of a bigger file is never
 * read, so a 15 MB file in the folder costs what 1 MiB costs.
 */
export const maxRunbookBytes = 1024 * 1024;

/** How the library is loaded: parse options, and progress after each slice of parsing. */
export type LoadOptions = ParseOptions & {onProgress?: (progress: ParseProgress) => void};

/** The first `maxRunbookBytes` of a file, cut at a character boundary, and the file's size. */
async function readHead(file: string): Promise<{bytes: Uint8Array; size: number}> {
  const handle = await open(file, 'r');
  try {
    const {size} = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, maxRunbookBytes + 3));
    let filled = 0;
    while (filled < buffer.length) {
      const {bytesRead} = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    let end = Math.min(filled, maxRunbookBytes);
    if (filled > maxRunbookBytes) {
      // Back up to the start of a UTF-8 sequence so the cut never makes a replacement character.
      while (end > 0 && (buffer[end]! & 0xc0) === 0x80) end -= 1;
    }
    return {bytes: buffer.subarray(0, end), size: Math.max(size, filled)};
  } finally {
    await handle.close();
  }
}

export {defaultRunbookFolder} from './runbook-source-paths';

/**
 * Reads and parses one runbook file, in slices that let the event loop run (see
 * `parseRunbookInSlices`); an unreadable file is a runbook with an error warning.
 */
export async function loadRunbookFile(file: string, options: LoadOptions = {}): Promise<Runbook> {
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      // A device or a FIFO reports size 0 and never ends: /dev/zero would hang the reader.
      return {
        ...parseRunbook('', file),
        warnings: [{line: 0, level: 'error', message: 'not a regular file; not read'}],
      };
    }
    const {bytes, size} = await readHead(file);
    const runbook = await parseRunbookInSlices(bytes, file, options);
    if (size > bytes.length) {
      const lines = Buffer.from(bytes)
        .toString('utf8')
        .split(/\r\n|\r|\n/).length;
      runbook.warnings.push({
        line: lines,
        message: `the file is ${(size / 1024 / 1024).toFixed(1)} MiB; only its first 1 MiB was read`,
      });
    }
    return runbook;
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
  options: LoadOptions = {},
  names: SchemaNames = defaultSchemaNames(),
): Promise<Runbook[]> {
  const files = await runbookFilesIn([folder]);
  // One after another: each parse already gives way between slices, and one file's text at a
  // time is in memory.
  const library: Runbook[] = [];
  for (const file of files)
    library.push(applySchemaNames(await loadRunbookFile(file, options), names));
  return library;
}
