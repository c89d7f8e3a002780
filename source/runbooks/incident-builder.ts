import type {Code, Paragraph} from 'mdast';
import {phrasingText} from './markdown-text';
import {phaseKindOf} from './phase-vocabulary';
import type {Incident, Phase, RunbookWarning, Step} from './runbook-model';
import type {PlacedBlock, Section} from './section-tree';
import {
  codeOf,
  isPhaseList,
  labelOf,
  lineOf,
  listSteps,
  phaseOfItem,
  tableSteps,
} from './step-builder';

const maxBlockquoteDepth = 16;

/** Turns the blocks of one section into phases: bold labels and phase lists open new phases. */
function phasesOfBlocks(section: Section, blocks: readonly PlacedBlock[], depth = 0): Phase[] {
  const phases: Phase[] = [];
  let current: Phase | undefined;
  let pendingText: string | undefined;
  const phase = (): Phase => {
    if (!current) {
      current = {
        title: section.title || 'Steps',
        kind: phaseKindOf(section.title),
        line: section.line,
        steps: [],
      };
      phases.push(current);
    }
    return current;
  };
  for (const {node, context} of blocks) {
    if (node.type === 'paragraph') {
      const label = labelOf(node as Paragraph);
      if (label) {
        current = {title: label, kind: phaseKindOf(label), line: lineOf(node, context), steps: []};
        phases.push(current);
        pendingText = undefined;
      } else pendingText = phrasingText((node as Paragraph).children, context.onInlineCode);
    } else if (node.type === 'list') {
      if (isPhaseList(node)) {
        for (const item of node.children) phases.push(phaseOfItem(item, context));
        current = phases.at(-1);
      } else phase().steps.push(...listSteps(node, context, 1));
      pendingText = undefined;
    } else if (node.type === 'code') {
      const target = phase();
      const last = target.steps.at(-1);
      const code = codeOf(node as Code, context);
      if (pendingText === undefined && last?.text.endsWith(':') && last.code.length === 0)
        last.code.push(code);
      else {
        const step: Step = {
          text: pendingText ?? target.title,
          line: code.line,
          code: [code],
          steps: [],
        };
        target.steps.push(step);
      }
      pendingText = undefined;
    } else if (node.type === 'table') {
      phase().steps.push(...tableSteps(node, context));
    } else if (node.type === 'blockquote' && depth < maxBlockquoteDepth) {
      const inner = node.children.map((child) => ({node: child, context}));
      for (const innerPhase of phasesOfBlocks(section, inner, depth + 1)) {
        if (innerPhase.title === (section.title || 'Steps'))
          phase().steps.push(...innerPhase.steps);
        else phases.push(innerPhase);
      }
    }
  }
  return phases;
}

function stepCount(phases: readonly Phase[]): number {
  return phases.reduce((total, phase) => total + phase.steps.length, 0);
}

/**
 * Turns the section tree into incidents. A section whose heading names a phase ("## Detect")
 * is a phase of the nearest enclosing section; any other section with steps is an incident; a
 * section without steps but with sub-sections only groups them ("## Critical Incidents (P0)").
 */
export function incidentsOf(
  section: Section,
  warnings: RunbookWarning[],
  fallbackTitle: string,
): Incident[] {
  const incidents: Incident[] = [];
  const title = section.title || fallbackTitle;
  const phases = phasesOfBlocks({...section, title}, section.blocks);
  let hasPhaseHeadings = false;
  for (const child of section.children) {
    const kind = phaseKindOf(child.title, {strict: true});
    if (kind && section.depth > 0) {
      hasPhaseHeadings = true;
      phases.push(...phaseSection(child, kind));
    } else incidents.push(...incidentsOf(child, warnings, fallbackTitle));
  }
  if (stepCount(phases) > 0)
    incidents.unshift({
      title,
      line: section.line,
      phases: phases.filter((phase) => phase.steps.length > 0),
    });
  else if (hasPhaseHeadings)
    warnings.push({line: section.line, message: `incident "${title}" has no steps`});
  else if (section.children.length === 0 && section.depth > 0)
    warnings.push({
      line: section.line,
      message: `section "${title}" has no steps; it is not an incident`,
    });
  return incidents;
}

/** A phase heading's section: its own blocks, and sub-sections flattened into one phase. */
function phaseSection(section: Section, kind: Phase['kind']): Phase[] {
  const phase: Phase = {title: section.title, kind, line: section.line, steps: []};
  for (const inner of phasesOfBlocks(section, section.blocks)) phase.steps.push(...inner.steps);
  for (const child of section.children) {
    const nested = phaseSection(child, kind);
    const steps = nested.flatMap((item) => item.steps);
    phase.steps.push({text: child.title, line: child.line, code: [], steps});
  }
  return [phase];
}
