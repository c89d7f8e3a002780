import type {Nodes, PhrasingContent} from 'mdast';

const maxPhrasingDepth = 64;

/** Collects `` `code` `` → description pairs written in prose (see `descriptionAfter`). */
export type InlineCodeVisitor = (code: string, following: string) => void;

/**
 * The readable text of inline Markdown: inline code keeps its backticks (it is what the operator
 * types), links and emphasis keep their words. Deeply nested emphasis is cut, never recursed into
 * without bound.
 */
export function phrasingText(
  nodes: readonly PhrasingContent[] | readonly Nodes[],
  onInlineCode?: InlineCodeVisitor,
  depth = 0,
): string {
  if (depth > maxPhrasingDepth) return '';
  let result = '';
  nodes.forEach((node, index) => {
    switch (node.type) {
      case 'text':
        result += node.value;
        break;
      case 'inlineCode': {
        result += `\`${node.value}\``;
        const next = nodes[index + 1];
        if (onInlineCode && next?.type === 'text') onInlineCode(node.value, next.value);
        break;
      }
      case 'break':
        result += ' ';
        break;
      case 'image':
        result += node.alt ?? '';
        break;
      case 'html':
        result += node.value;
        break;
      default:
        if ('children' in node)
          result += phrasingText(node.children as PhrasingContent[], onInlineCode, depth + 1);
    }
  });
  return result.replace(/\s+/g, ' ').trim();
}
