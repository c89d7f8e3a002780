import type {Code, List, ListItem, Nodes, Paragraph, RootContent, Table} from 'mdast';
import {type InlineCodeVisitor, phrasingText} from './markdown-text';
import {cleanTitle, phaseKindOf} from './phase-vocabulary';
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

/** A paragraph that is only a bold label ending with a colon (`**Detection:**`), as its title. */
export function labelOf(paragraph: Paragraph): string | undefined {
  const [first, ...rest] = paragraph.children;
  if (first?.type !== 'strong') return undefined;
  const label = phrasingText(first.children);
  const after = phrasingText(rest);
  if (after === ':' || (after === '' && label.endsWith(':'))) return cleanTitle(label) || undefined;
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

/** True when a list's items are phases (`1. **Detect**: …`, `2. **Mitigation**` …), not steps. */
export function isPhaseList(list: List): boolean {
  const labels = list.children.map(leadingLabel);
  const phaseLabels = labels.filter((label) => label && phaseKindOf(label.label)).length;
  return phaseLabels >= Math.min(2, list.children.length) && phaseLabels > 0;
}

/** Table rows as steps: "Level: P0 · Response Time: < 15 minutes · …". */
export function tableSteps(table: Table, context: BuildContext): Step[] {
  const [header, ...rows] = table.children;
  const names = header?.children.map((cell) => phrasingText(cell.children)) ?? [];
  return rows.map((row) => ({
    text: row.children
      .map((cell, index) => {
        const value = phrasingText(cell.children, context.onInlineCode);
        return names[index] ? `${names[index]}: ${value}` : value;
      })
      .filter((part) => part.trim() !== '')
      .join(' · '),
    line: lineOf(row, context),
    code: [],
    steps: [],
  }));
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
  for (const child of children) {
    if (child.type === 'paragraph' || child.type === 'heading')
      texts.push(phrasingText(child.children, context.onInlineCode));
    else if (child.type === 'list') step.steps.push(...listSteps(child, context, depth + 1));
    else if (child.type === 'table') step.steps.push(...tableSteps(child, context));
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
