import type {Code, Paragraph} from 'mdast';
import {phrasingText} from './markdown-text';
import {
  isNumberedHeading,
  isPartTitle,
  isReferenceTitle,
  isStepHeading,
  isTaskTitle,
  phaseKindOf,
  runbookNameOf,
} from './phase-vocabulary';
import type {Incident, Phase, RunbookWarning, Step} from './runbook-model';
import type {PlacedBlock, Section} from './section-tree';
import {
  addContent,
  codeOf,
  isPhaseList,
  isReferenceList,
  isTocMarker,
  labelOf,
  lineOf,
  listSteps,
  phaseOfItem,
  readableBlocks,
  tableSteps,
} from './step-builder';

const maxBlockquoteDepth = 16;
const maxStepSectionDepth = 8;

/** What a heading is to the runbook it is in. */
type SectionRole =
  /** "Overview", "Contacts", "References": part of the runbook, holds no steps. */
  | 'reference'
  /** "Detect", "🚨 Immediate Response (< 5 minutes)", "Steps", "Escalation": a phase. */
  | 'phase'
  /** "Step 1: …", "Type 2: …", "Resolution 1: …": a step. */
  | 'step'
  /** "1. …", "2) …": a step, unless it holds phases of its own (then an incident). */
  | 'numbered'
  /** "Find the blocked queries": a phase of the section above, unless beside incidents. */
  | 'task'
  /** Anything else (and "Runbook: NAME"): an incident when it has steps, else a group. */
  | 'section';

function roleOf(section: Section): SectionRole {
  if (runbookNameOf(section.rawTitle)) return 'section';
  if (isStepHeading(section.rawTitle)) return 'step';
  // "Severity levels, escalation and communication" with a Triage sub-heading is a runbook.
  if (isReferenceTitle(section.title) && !holdsPhases(section)) return 'reference';
  if (isPartTitle(section.title)) return 'phase';
  if (isNumberedHeading(section.rawTitle)) return 'numbered';
  if (isTaskTitle(section.title)) return 'task';
  return 'section';
}

/** True when a section's own text or sub-headings divide it into phases: it is an incident. */
function holdsPhases(section: Section): boolean {
  for (const {node} of section.blocks) {
    if (node.type === 'paragraph') {
      const label = labelOf(node as Paragraph);
      if (label && !label.reference && isPartTitle(label.title)) return true;
    } else if (node.type === 'list' && isPhaseList(node)) return true;
  }
  return section.children.some(
    (child) => roleOf(child) === 'phase' || runbookNameOf(child.rawTitle) !== undefined,
  );
}

/**
 * Turns the blocks of one section into phases: bold labels, bare-line titles and phase lists
 * open new phases; tables of contents, link lists and contact tables add nothing.
 */
function phasesOfBlocks(section: Section, blocks: readonly PlacedBlock[], depth = 0): Phase[] {
  const phases: Phase[] = [];
  const discarded = new Set<Phase>();
  let current: Phase | undefined;
  let pendingText: string | undefined;
  let inDoctoc = false;
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
  for (const {node: written, context} of blocks) {
    if (written.type === 'html') {
      // doctoc's generated table of contents sits between two comments.
      if (/<!--\s*START doctoc/i.test(written.value)) inDoctoc = true;
      if (/<!--\s*END doctoc/i.test(written.value)) {
        inDoctoc = false;
        continue;
      }
    }
    if (inDoctoc) continue;
    for (const node of readableBlocks([written])) {
      if (node.type === 'paragraph') {
        if (isTocMarker(node)) continue;
        const label = labelOf(node);
        if (label) {
          const line = lineOf(node, context);
          current = {title: label.title, kind: phaseKindOf(label.title), line, steps: []};
          phases.push(current);
          if (label.reference) discarded.add(current);
          if (label.rest) current.steps.push({text: label.rest, line, code: [], steps: []});
          pendingText = undefined;
        } else pendingText = phrasingText(node.children, context.onInlineCode);
      } else if (node.type === 'list') {
        if (isReferenceList(node)) {
          // Links, a table of contents, metadata: nothing to do.
        } else if (isPhaseList(node)) {
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
        const steps = tableSteps(node, context);
        if (steps.length > 0) phase().steps.push(...steps);
      } else if (node.type === 'blockquote' && depth < maxBlockquoteDepth) {
        const inner = node.children.map((child) => ({node: child, context}));
        for (const innerPhase of phasesOfBlocks(section, inner, depth + 1)) {
          if (innerPhase.title === (section.title || 'Steps'))
            phase().steps.push(...innerPhase.steps);
          else phases.push(innerPhase);
        }
      }
    }
  }
  return phases.filter((item) => !discarded.has(item));
}

/** A heading that is a step (`### 1. Check …`): its text, code and lists; sub-headings as sub-steps. */
function stepOfSection(section: Section, depth = 0): Step {
  const step: Step = {text: '', line: section.line, code: [], steps: []};
  for (const {node, context} of section.blocks) addContent(step, [node], context, 1);
  step.text = step.text ? `${section.title} — ${step.text}` : section.title;
  if (depth < maxStepSectionDepth)
    for (const child of section.children)
      if (roleOf(child) !== 'reference') step.steps.push(stepOfSection(child, depth + 1));
  return step;
}

/** A phase heading's section: its blocks and step headings; phase sub-headings follow it. */
function phaseSection(section: Section, kind: Phase['kind']): Phase[] {
  const phase: Phase = {title: section.title, kind, line: section.line, steps: []};
  const following: Phase[] = [];
  for (const inner of phasesOfBlocks(section, section.blocks)) phase.steps.push(...inner.steps);
  for (const child of section.children) {
    const role = roleOf(child);
    if (role === 'reference') continue;
    if (role === 'phase') following.push(...phaseSection(child, phaseKindOf(child.title)));
    else phase.steps.push(stepOfSection(child));
  }
  return [phase, ...following];
}

type Draft = {incident: Incident; section: Section; role: SectionRole};

const stepsIn = (incident: Incident) => incident.phases.some((phase) => phase.steps.length > 0);

/** Adds the incident `section` stands for, then those of its sub-sections, to `drafts`. */
function collect(section: Section, title: string, role: SectionRole, drafts: Draft[]): Incident {
  const incident: Incident = {
    title,
    line: section.line,
    phases: phasesOfBlocks({...section, title}, section.blocks),
  };
  drafts.push({incident, section, role});
  const isRoot = section.depth === 0;
  const besideIncidents = section.children.some(holdsPhases);
  let lastFromHeading = false;
  // At the top of a file, parts after an incident's section (GitLab's `# Escalation` after the
  // alert's `# Title`) belong to that incident.
  let previous: Incident | undefined;
  const stepTarget = (owner: Incident): Phase => {
    const last = owner.phases.at(-1);
    if (last && !(owner === incident && lastFromHeading)) return last;
    const phase: Phase = {
      title: last ? 'Steps' : owner.title,
      kind: last ? undefined : phaseKindOf(owner.title),
      line: section.line,
      steps: [],
    };
    owner.phases.push(phase);
    if (owner === incident) lastFromHeading = false;
    return phase;
  };
  for (const child of section.children) {
    const owner = isRoot && previous ? previous : incident;
    let role = roleOf(child);
    if ((role === 'numbered' || role === 'task') && holdsPhases(child)) role = 'section';
    if (role === 'task' && (besideIncidents || (isRoot && !previous && child.depth === 1)))
      role = 'section';
    if (role === 'numbered' && isRoot && !previous) role = 'section';
    if (role === 'reference') continue;
    if (role === 'phase' || role === 'task') {
      owner.phases.push(...phaseSection(child, phaseKindOf(child.title, {strict: true})));
      if (owner === incident) lastFromHeading = true;
    } else if (role === 'step' || role === 'numbered') {
      stepTarget(owner).steps.push(stepOfSection(child));
    } else {
      const own = collect(child, runbookNameOf(child.rawTitle) ?? child.title, role, drafts);
      previous = isRoot && stepsIn(own) ? own : undefined;
    }
  }
  return incident;
}

/**
 * Turns the section tree into incidents as a reader sees them. A section whose heading names a
 * phase ("## Detect", "## 🚨 Immediate Response (< 5 minutes)") or a part ("### Steps",
 * "### Escalation") belongs to the section above; step headings ("### Step 1: …", "## 1) …")
 * are steps of it; "Overview", "Contacts", "References" hold no steps. Any other section with
 * steps is an incident (`## Runbook: NAME` is the incident NAME); one without steps but with
 * sub-sections only groups them ("## Critical Incidents (P0)").
 */
export function incidentsOf(
  root: Section,
  warnings: RunbookWarning[],
  fallbackTitle: string,
): Incident[] {
  const drafts: Draft[] = [];
  collect(root, root.title || fallbackTitle, 'section', drafts);
  const incidents: Incident[] = [];
  for (const {incident, section, role} of drafts) {
    const phases = incident.phases.filter((phase) => phase.steps.length > 0);
    if (phases.length > 0) incidents.push({...incident, phases});
    else if (role === 'section' && section.depth > 0 && section.children.length === 0)
      warnings.push({
        line: section.line,
        message: `section "${incident.title}" has no steps; it is not an incident`,
      });
  }
  return incidents;
}
