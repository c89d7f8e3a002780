import {parseDocument} from 'htmlparser2';
import type {Code, List, ListItem, Paragraph, RootContent, Table, TableRow} from 'mdast';

/**
 * Raw HTML in a runbook (wiki and Confluence exports) read as the Markdown it stands for:
 * `<ul>/<ol>` as lists, `<table>` as tables, `<pre>` as code blocks, `<p>` as paragraphs.
 * Comments and everything else add nothing. The nodes get the line they start on, so steps
 * keep their place in the file.
 */

type HtmlNode = {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: HtmlNode[];
  startIndex: number | null;
};

const blockTags = new Set(['ul', 'ol', 'table', 'pre', 'p']);
const maxDepth = 32;

function textOf(node: HtmlNode, depth = 0): string {
  if (node.type === 'text') return node.data ?? '';
  if (node.type !== 'tag' || depth > maxDepth) return '';
  if (node.name === 'br') return '\n';
  const inner = (node.children ?? []).map((child) => textOf(child, depth + 1)).join('');
  return node.name === 'code' && !inner.includes('\n') ? `\`${inner}\`` : inner;
}

function inlineText(nodes: readonly HtmlNode[]): string {
  return nodes
    .filter((node) => !(node.type === 'tag' && blockTags.has(node.name ?? '')))
    .map((node) => textOf(node))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

function languageOf(pre: HtmlNode): string {
  const code = pre.children?.find((child) => child.type === 'tag' && child.name === 'code');
  for (const node of [pre, code]) {
    const attributes = node?.attribs ?? {};
    const fromClass = /(?:^|\s)(?:language|lang)-([\w+#-]+)/.exec(attributes.class ?? '')?.[1];
    const named = fromClass ?? attributes.lang ?? attributes['data-lang'];
    if (named) return named.toLowerCase();
  }
  return '';
}

/** Converts an HTML block that starts on `line` into Markdown nodes; unknown content yields none. */
export function htmlBlockNodes(html: string, line: number): RootContent[] {
  if (!/<(?:ul|ol|table|pre|p)\b/i.test(html)) return [];
  const document = parseDocument(html, {withStartIndices: true, decodeEntities: true});
  const position = (node: HtmlNode) => {
    const at = line + (html.slice(0, node.startIndex ?? 0).match(/\n/g)?.length ?? 0);
    return {start: {line: at, column: 1}, end: {line: at, column: 1}};
  };
  const paragraph = (text: string, node: HtmlNode): Paragraph => ({
    type: 'paragraph',
    children: [{type: 'text', value: text}],
    position: position(node),
  });
  const code = (pre: HtmlNode): Code => ({
    type: 'code',
    lang: languageOf(pre) || null,
    value: (pre.children ?? [])
      .map((child) => textOf(child).replace(/^`([\s\S]*)`$/, '$1'))
      .join('')
      .replace(/^\r?\n/, '')
      .replace(/\r?\n$/, ''),
    position: position(pre),
  });
  const list = (node: HtmlNode, depth: number): List => ({
    type: 'list',
    ordered: node.name === 'ol',
    spread: false,
    children: (node.children ?? [])
      .filter((child) => child.type === 'tag' && child.name === 'li')
      .map((item): ListItem => {
        const children: ListItem['children'] = [];
        const text = inlineText(item.children ?? []);
        if (text) children.push(paragraph(text, item));
        children.push(
          ...(blocksOf(item.children ?? [], depth + 1).filter(
            (block) => block.type !== 'paragraph',
          ) as ListItem['children']),
        );
        return {type: 'listItem', spread: false, children, position: position(item)};
      }),
    position: position(node),
  });
  const rowsOf = (node: HtmlNode, depth: number): HtmlNode[] =>
    depth > maxDepth
      ? []
      : (node.children ?? []).flatMap((child) =>
          child.type !== 'tag'
            ? []
            : child.name === 'tr'
              ? [child]
              : ['thead', 'tbody', 'tfoot'].includes(child.name ?? '')
                ? rowsOf(child, depth + 1)
                : [],
        );
  const table = (node: HtmlNode): Table => ({
    type: 'table',
    children: rowsOf(node, 0).map(
      (row): TableRow => ({
        type: 'tableRow',
        children: (row.children ?? [])
          .filter((cell) => cell.type === 'tag' && (cell.name === 'td' || cell.name === 'th'))
          .map((cell) => ({
            type: 'tableCell',
            children: [{type: 'text', value: inlineText(cell.children ?? [])}],
          })),
        position: position(row),
      }),
    ),
    position: position(node),
  });
  function blocksOf(nodes: readonly HtmlNode[], depth: number): RootContent[] {
    if (depth > maxDepth) return [];
    const blocks: RootContent[] = [];
    for (const node of nodes) {
      if (node.type !== 'tag') continue;
      if (node.name === 'ul' || node.name === 'ol') blocks.push(list(node, depth));
      else if (node.name === 'table') blocks.push(table(node));
      else if (node.name === 'pre') blocks.push(code(node));
      else if (node.name === 'p') {
        const text = inlineText(node.children ?? []);
        if (text) blocks.push(paragraph(text, node));
      } else if (node.name !== 'li') blocks.push(...blocksOf(node.children ?? [], depth + 1));
    }
    return blocks;
  }
  return blocksOf(document.children as unknown as HtmlNode[], 0);
}
