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
        result += inlineHtml(node.value);
        break;
      default:
        if ('children' in node)
          result += phrasingText(node.children as PhrasingContent[], onInlineCode, depth + 1);
    }
  });
  // A GitHub alert's marker (`> [!WARNING]`) is how the quote is drawn, not its text.
  return result
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\[!(?:note|tip|important|warning|caution)\]\s*/i, '');
}

// Tags that only format text; anything else in angle brackets (`<pid>`) is kept as written.
const formattingTags = new Set(
  'a abbr b big br code del div em font i img ins kbd mark p q s samp small span strike strong sub sup u var'.split(
    ' ',
  ),
);

/** Inline HTML as text: comments and formatting tags vanish, `<br>` is a space. */
function inlineHtml(value: string): string {
  if (value.startsWith('<!--')) return '';
  const tag = /^<\/?([A-Za-z][\w-]*)/.exec(value)?.[1]?.toLowerCase();
  if (tag === 'br') return ' ';
  return tag && formattingTags.has(tag) ? '' : value;
}
