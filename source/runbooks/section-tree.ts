import type {Heading, RootContent} from 'mdast';
import {phrasingText} from './markdown-text';
import {cleanTitle} from './phase-vocabulary';
import type {BuildContext} from './step-builder';

/** A heading with the blocks under it up to the next heading, and its sub-headings. */
export type Section = {
  title: string;
  /** The heading's text as written, numbering and emoji included. */
  rawTitle: string;
  depth: number;
  line: number;
  blocks: Array<{node: RootContent; context: BuildContext}>;
  children: Section[];
};

/** A top-level block of one parsed piece of the document, with that piece's context. */
export type PlacedBlock = {node: RootContent; context: BuildContext};

/** Groups the document's blocks under their headings (a heading nests under shallower ones). */
export function buildSectionTree(blocks: readonly PlacedBlock[]): Section {
  const root: Section = {title: '', rawTitle: '', depth: 0, line: 0, blocks: [], children: []};
  const stack: Section[] = [root];
  for (const block of blocks) {
    if (block.node.type !== 'heading') {
      stack.at(-1)!.blocks.push(block);
      continue;
    }
    const heading = block.node as Heading;
    const rawTitle = phrasingText(heading.children, block.context.onInlineCode);
    const section: Section = {
      title: cleanTitle(rawTitle),
      rawTitle,
      depth: heading.depth,
      line: (heading.position?.start.line ?? 1) + block.context.lineOffset,
      blocks: [],
      children: [],
    };
    while (stack.length > 1 && stack.at(-1)!.depth >= heading.depth) stack.pop();
    stack.at(-1)!.children.push(section);
    stack.push(section);
  }
  return root;
}
