import type {Literal, Root} from 'mdast';
import {fromMarkdown} from 'mdast-util-from-markdown';
import {frontmatterFromMarkdown} from 'mdast-util-frontmatter';
import {gfmFromMarkdown} from 'mdast-util-gfm';
import {frontmatter} from 'micromark-extension-frontmatter';
import {gfm} from 'micromark-extension-gfm';
import {type FrontMatter, readFrontMatter} from './front-matter';
import {incidentsOf} from './incident-builder';
import {describePlaceholders} from './placeholder-descriptions';
import {descriptionAfter, type PlaceholderOptions} from './placeholders';
import type {Runbook, RunbookWarning} from './runbook-model';
import {countSteps} from './runbook-walk';
import {buildSectionTree, type PlacedBlock} from './section-tree';
import {prepareSource} from './source-preparation';
import type {BuildContext} from './step-builder';

function markdownTree(text: string, withFrontMatter: boolean): Root {
  return fromMarkdown(text, {
    extensions: withFrontMatter ? [gfm(), frontmatter(['yaml', 'toml'])] : [gfm()],
    mdastExtensions: withFrontMatter
      ? [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml'])]
      : [gfmFromMarkdown()],
  });
}

function idFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return (
    base
      .replace(/\.(md|markdown)$/i, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'runbook'
  );
}

/** How a runbook is read; every option has a default. */
export type ParseOptions = PlaceholderOptions;

function emptyRunbook(file: string): Runbook {
  return {
    file,
    id: idFromFile(file),
    title: '',
    severity: undefined,
    triggers: [],
    incidents: [],
    warnings: [],
  };
}

/**
 * The work of parsing, cut where it may pause: after each piece of the document (see
 * `prepareSource`), so a caller can give the event loop a turn between pieces. Never throws.
 */
function* parsing(
  input: string | Uint8Array,
  file: string,
  options: ParseOptions,
): Generator<Slice, Runbook> {
  const runbook = emptyRunbook(file);
  try {
    yield* buildRunbook(runbook, input, options);
    if (countSteps(runbook) === 0)
      runbook.warnings.push({
        line: 0,
        message: 'no steps found: no list item, code block, table row or step heading reads as one',
      });
  } catch (error) {
    runbook.warnings.push({
      line: 0,
      level: 'error',
      message: `could not parse: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  runbook.warnings.sort((left, right) => left.line - right.line);
  return runbook;
}

/**
 * Parses a runbook written in any Markdown style into incidents, phases and steps. Never throws:
 * whatever the input (binary, empty, huge, hostile), the result is a model plus warnings.
 */
export function parseRunbook(
  input: string | Uint8Array,
  file: string,
  options: ParseOptions = {},
): Runbook {
  const work = parsing(input, file, options);
  for (;;) {
    const next = work.next();
    if (next.done) return next.value;
  }
}

/** What {@link parseRunbookInSlices} reports after each slice of work. */
export type ParseProgress = {file: string; piece: number; pieces: number};

/**
 * The same as {@link parseRunbook}, in slices: after each piece of the document (about 8 KiB)
 * the event loop gets a turn (`setImmediate`), so keys are handled and frames drawn while a
 * large file is parsed.
 */
export async function parseRunbookInSlices(
  input: string | Uint8Array,
  file: string,
  options: ParseOptions & {onProgress?: (progress: ParseProgress) => void} = {},
): Promise<Runbook> {
  const work = parsing(input, file, options);
  for (;;) {
    const next = work.next();
    if (next.done) return next.value;
    options.onProgress?.({file, ...next.value});
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** How far parsing is: `piece` of `pieces` parsed (0 once the text is prepared). */
type Slice = {piece: number; pieces: number};

function* buildRunbook(
  runbook: Runbook,
  input: string | Uint8Array,
  options: ParseOptions,
): Generator<Slice, void> {
  const prepared = prepareSource(input);
  const pieces = prepared.chunks.length;
  yield {piece: 0, pieces};
  const warnings: RunbookWarning[] = runbook.warnings;
  warnings.push(...prepared.warnings);
  const descriptions = new Map<string, string>();
  const blocks: PlacedBlock[] = [];
  let frontMatter: FrontMatter | undefined;
  for (const [index, chunk] of prepared.chunks.entries()) {
    const context: BuildContext = {
      lineOffset: chunk.firstLine - 1,
      warnings,
      depthWarned: false,
      onInlineCode: (code, following) => {
        const description = descriptionAfter(following);
        if (description && !descriptions.has(code)) descriptions.set(code, description);
      },
    };
    const tree = markdownTree(chunk.text, index === 0);
    for (const node of tree.children) {
      if (node.type === 'yaml' || (node.type as string) === 'toml') {
        const read = readFrontMatter(
          (node as Literal).value,
          (node.position?.start.line ?? 1) + 1,
          node.type === 'yaml' ? 'yaml' : 'toml',
        );
        frontMatter = read.frontMatter;
        warnings.push(...read.warnings);
      } else blocks.push({node, context});
    }
    yield {piece: index + 1, pieces};
  }
  const tree = buildSectionTree(blocks);
  const firstTitle = tree.children.find((section) => section.depth === 1)?.title;
  runbook.id = frontMatter?.id ?? runbook.id;
  runbook.title = frontMatter?.title ?? firstTitle ?? runbook.id;
  runbook.severity = frontMatter?.severity;
  runbook.triggers = frontMatter?.triggers ?? [];
  runbook.incidents = incidentsOf(tree, warnings, runbook.title);
  for (const [name, description] of Object.entries(frontMatter?.placeholders ?? {}))
    descriptions.set(name, description);
  describePlaceholders(
    runbook.incidents,
    descriptions,
    options,
    new Set(frontMatter?.secretPlaceholders ?? []),
  );
}
