import type {Code, List, ListItem, Nodes, Paragraph, RootContent, Table} from 'mdast';
import {htmlBlockNodes} from './html-blocks';
import {type InlineCodeVisitor, phrasingText} from './markdown-text';
import {cleanTitle, isPartTitle, isReferenceTitle, phaseKindOf} from './phase-vocabulary';
import type {CodeBlock, Phase, RunbookWarning, Step} from './runbook-model';

/** Steps nested deeper than this are dropped with a warning (input can nest without limit). */
export const maxStepDepth = 32;

/** What turning Markdown blocks into steps needs: line offsets, warnings, prose descriptions. */
export type BuildContext = {
  lineOffset: number;
  warnings: RunbookWarning[];
  onInlineCode: InlineCodeVisitor;
  depthWarned: boolean;
};

/** The absolute 1-based line of a node. */
export function lineOf(node: Nodes, context: BuildContext): number {
  return (node.position?.start.line ?? 1) + context.lineOffset;
}

/** A fenced or indented code block as the model's code. */
export function codeOf(node: Code, context: BuildContext): CodeBlock {
  return {
    lang: (node.lang ?? '').toLowerCase(),
    text: node.value,
    line: lineOf(node, context),
    placeholders: [],
  };
}

/**
 * Blocks as the parser reads them: raw HTML becomes the lists, tables, code and paragraphs it
 * holds (an HTML comment becomes nothing).
 */
export function readableBlocks(nodes: readonly RootContent[]): RootContent[] {
  return nodes.flatMap((node) =>
    node.type === 'html' ? htmlBlockNodes(node.value, node.position?.start.line ?? 1) : [node],
  );
}

/** A paragraph that marks a table of contents: `[TOC]`, `[[_TOC_]]`, `[[TOC]]`. */
export function isTocMarker(paragraph: Paragraph): boolean {
  return /^\[{1,2}_?toc_?\]{1,2}$/i.test(phrasingText(paragraph.children).replace(/\\/g, ''));
}

/** What a pseudo-heading paragraph says: its title, whether it holds no steps, and text after it. */
export type Label = {title: string; reference: boolean; rest: string};

/**
 * A paragraph that stands for a heading: a bold label ending with a colon (`**Detection:**`), a
 * bold phase word alone (`**Mitigation**`), a phase word in bold followed by its first step
 * (`**Symptoms:** users see 500s`), or a short line alone naming a part (`Signals`, `Diagnosis`).
 */
export function labelOf(paragraph: Paragraph): Label | undefined {
  const [first, ...rest] = paragraph.children;
  if (first?.type === 'strong') {
    const raw = phrasingText(first.children);
    const after = phrasingText(rest);
    const title = cleanTitle(raw);
    if (!title) return undefined;
    const named = isPartTitle(title) || isReferenceTitle(title);
    const colon = after === ':' || raw.trimEnd().endsWith(':');
    if (after === ':' || (after === '' && (raw.trimEnd().endsWith(':') || named)))
      return {title, reference: isReferenceTitle(title), rest: ''};
    if (named && colon && (after.startsWith(':') || raw.trimEnd().endsWith(':')))
      return {title, reference: isReferenceTitle(title), rest: after.replace(/^\s*:\s*/, '')};
    return undefined;
  }
  if (paragraph.children.length !== 1 || first?.type !== 'text') return undefined;
  const line = first.value.trim();
  const oneLine = paragraph.position?.start.line === paragraph.position?.end.line;
  if (!oneLine || line.length > 60 || /[.;,!?。]$/.test(line)) return undefined;
  const title = cleanTitle(line);
  if (isPartTitle(title)) return {title, reference: false, rest: ''};
  if (isReferenceTitle(title)) return {title, reference: true, rest: ''};
  return undefined;
}

/** A list item that opens with a bold label (`1. **Detect**: …`): the label and the rest. */
export function leadingLabel(item: ListItem): {label: string; rest: string} | undefined {
  const paragraph = item.children[0];
  if (paragraph?.type !== 'paragraph') return undefined;
  const [first, ...rest] = paragraph.children;
  if (first?.type !== 'strong') return undefined;
  const label = cleanTitle(phrasingText(first.children));
  if (!label) return undefined;
  return {label, rest: phrasingText(rest).replace(/^\s*[:—–-]\s*/, '')};
}

/**
 * True when a list's items are phases (`1. **Detect**: …`, `2. **Mitigation**` …), not steps:
 * most labels begin with a phase word and name at least two different phases, so a checklist
 * of `**Verify** …` items stays a checklist.
 */
export function isPhaseList(list: List): boolean {
  const kinds = list.children
    .map(leadingLabel)
    .map((label) =>
      label && label.label.split(/\s+/).length <= 5
        ? phaseKindOf(label.label, {strict: true})
        : undefined,
    );
  const phaseLabels = kinds.filter(Boolean).length;
  return (
    phaseLabels >= 2 &&
    phaseLabels * 2 >= list.children.length &&
    new Set(kinds.filter(Boolean)).size >= 2
  );
}

const metadataKey =
  /^(?:owners?|team|service|author|maintainers?|last (?:updated|reviewed|modified|tested)|updated|created|reviewed|version|status|severity|priority|tier|component|alert(?: name)?|tags?|labels?|slack|channel|pager(?:duty)?|on-?call|sla|slo|environment|region|runbook id|id|dashboard)\s*[:：]/i;

function itemText(item: ListItem): string {
  return item.children
    .filter((child) => child.type === 'paragraph')
    .map((child) => phrasingText(child.children))
    .join(' ');
}

/** An item that is only links (`- [Patroni docs](https://…)`): reading material, not a step. */
function isLinkItem(item: ListItem): boolean {
  if (item.children.some((child) => child.type !== 'paragraph')) return false;
  let linked = 0;
  let other = '';
  for (const child of item.children)
    for (const node of (child as Paragraph).children) {
      if (node.type === 'link' || node.type === 'linkReference') linked += 1;
      else other += phrasingText([node]);
    }
  return linked > 0 && other.replace(/[\s,;:·|•—–-]/g, '').length <= 2;
}

/** Lists that are not steps: links and tables of contents, `Owner: …` metadata. */
export function isReferenceList(list: List): boolean {
  if (list.children.length === 0) return false;
  return (
    list.children.every(isLinkItem) ||
    list.children.every((item) => metadataKey.test(itemText(item).trim()))
  );
}

const actionColumn =
  /\b(?:steps?|actions?|commands?|checks?|fix(?:es)?|what to do|to do|query|queries|how|tasks?|procedure|mitigation|resolution|remediation)\b|手順|対応/i;
const referenceColumn =
  /\b(?:roles?|contacts?|names?|e-?mail|phone|slack|pager(?:duty)?|owners?|team|escalation(?: path)?|severity|sev|level|priority|response time|description|meaning|examples?|impact|sla|channel|hours|responsibilit(?:y|ies))\b|役割|担当|連絡/i;

/** A table of contacts, severities or the like: read, not done. Tables naming an action are steps. */
export function isReferenceTable(table: Table): boolean {
  const names = table.children[0]?.children.map((cell) => phrasingText(cell.children)) ?? [];
  if (names.some((name) => actionColumn.test(name))) return false;
  return names.some((name) => referenceColumn.test(name));
}

/** Table rows as steps: "Header: value · Header: value"; a step-number column is left out. */
export function tableSteps(table: Table, context: BuildContext): Step[] {
  if (isReferenceTable(table)) return [];
  const [header, ...rows] = table.children;
  const names = header?.children.map((cell) => phrasingText(cell.children)) ?? [];
  return rows.map((row) => {
    const parts = row.children
      .map((cell, index) => ({
        name: names[index] ?? '',
        value: phrasingText(cell.children, context.onInlineCode),
      }))
      .filter(
        ({name, value}) => !(/^(?:step|#|no\.?|nr\.?)$/i.test(name) && /^\d+\.?$/.test(value)),
      )
      .filter(({value}) => value.trim() !== '');
    return {
      text:
        parts.length === 1
          ? parts[0]!.value
          : parts.map(({name, value}) => (name ? `${name}: ${value}` : value)).join(' · '),
      line: lineOf(row, context),
      code: [],
      steps: [],
    };
  });
}

/** A list item as a step, its nested lists as sub-steps and its code blocks attached. */
export function stepOf(item: ListItem, context: BuildContext, depth: number): Step {
  const step: Step = {text: '', line: lineOf(item, context), code: [], steps: []};
  if (typeof item.checked === 'boolean') step.checked = item.checked;
  addContent(step, item.children, context, depth);
  return step;
}

/** Adds the block children of a list item (or phase item) to `step`. */
export function addContent(
  step: Step,
  children: readonly RootContent[],
  context: BuildContext,
  depth: number,
): void {
  const texts: string[] = step.text ? [step.text] : [];
  for (const child of readableBlocks(children)) {
    if (child.type === 'paragraph' || child.type === 'heading')
      texts.push(phrasingText(child.children, context.onInlineCode));
    else if (child.type === 'list') {
      if (!isReferenceList(child)) step.steps.push(...listSteps(child, context, depth + 1));
    } else if (child.type === 'table') step.steps.push(...tableSteps(child, context));
    else if (child.type === 'blockquote' && depth < maxStepDepth) {
      // Shares the step's code and sub-steps; only the quoted text is collected here.
      const quoted: Step = {text: '', line: step.line, code: step.code, steps: step.steps};
      addContent(quoted, child.children, context, depth + 1);
      texts.push(quoted.text);
    } else if (child.type === 'code') {
      // "- Reset breaker manually:" followed by a fence: the code belongs to that sub-step.
      const last = step.steps.at(-1);
      if (last?.text.endsWith(':') && last.code.length === 0)
        last.code.push(codeOf(child, context));
      else step.code.push(codeOf(child, context));
    }
  }
  step.text = texts.filter(Boolean).join(' ');
}

/** The items of a list as steps, guarding against unbounded nesting. */
export function listSteps(list: List, context: BuildContext, depth: number): Step[] {
  if (depth > maxStepDepth) {
    if (!context.depthWarned)
      context.warnings.push({
        line: lineOf(list, context),
        message: `steps nested deeper than ${maxStepDepth} levels were left out`,
      });
    context.depthWarned = true;
    return [];
  }
  return list.children.map((item) => stepOf(item, context, depth));
}

/** A `1. **Detect**: …` item as a phase: the rest of its line is the first step. */
export function phaseOfItem(item: ListItem, context: BuildContext): Phase {
  const {label, rest} = leadingLabel(item) ?? {label: 'Steps', rest: ''};
  const phase: Phase = {
    title: label,
    kind: phaseKindOf(label),
    line: lineOf(item, context),
    steps: [],
  };
  const holder: Step = {text: rest, line: lineOf(item, context), code: [], steps: []};
  addContent(holder, item.children.slice(1), context, 1);
  if (holder.text || holder.code.length > 0) {
    phase.steps.push({...holder, steps: []});
    if (holder.code.length === 0 && holder.text.endsWith(':')) phase.steps[0]!.steps = holder.steps;
    else phase.steps.push(...holder.steps);
  } else phase.steps.push(...holder.steps);
  return phase;
}
