/** A fenced code block of a step. */
export type NavigatorCode = {lang: string; text: string};

/** A runbook step as the navigator needs it (the parser's model has at least these fields). */
export type NavigatorStep = {text: string; code: NavigatorCode[]; steps: NavigatorStep[]};

/** A runbook as the navigator needs it. */
export type NavigatorRunbook = {
  file: string;
  id: string;
  title: string;
  severity?: string;
  triggers: string[];
  incidents: Array<{title: string; phases: Array<{title: string; steps: NavigatorStep[]}>}>;
};

/** One line of the flattened step list: a step with where it sits. */
export type FlatStep = {
  /** Stable within a runbook: incident.phase.step(.substep…), 1-based. */
  key: string;
  depth: number;
  incident: string;
  phase: string;
  step: NavigatorStep;
};

/** What happened to a step. */
export type StepStatus = 'done' | 'skipped' | 'failed';
