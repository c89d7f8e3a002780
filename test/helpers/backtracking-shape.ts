import {type AST, RegExpParser} from '@eslint-community/regexpp';

/**
 * The shapes that let a backtracking engine take more than linear time in the length of its
 * input, read from the pattern's syntax tree, so that the verdict is the same on any machine:
 *
 * - a repetition inside a repetition (`(a+)+`, `(\w{1,9}){2,50}`);
 * - a repeated alternation whose branches can start with the same character (`(a|ab)*`);
 * - an unbounded repetition of anything but one character (`(ab)*`);
 * - an unbounded repetition that can trade characters with what follows it (`\w*x`, `\s*\s`);
 * - an unbounded repetition that can be the first thing a match consumes (`\s*=` is tried
 *   from every blank of a long run, each try scanning the rest of the run).
 *
 * Bounded repetitions next to each other can still backtrack, but by a constant set by their
 * bounds: the work per position of the input stays bounded.
 */
export function backtrackingFaults(pattern: RegExp): string[] {
  const literal = new RegExpParser().parseLiteral(String(pattern));
  const characters = new CharacterSets(literal.flags.ignoreCase);
  const faults: string[] = [];
  const visit = (node: AST.Node): void => {
    if (node.type === 'Quantifier') faults.push(...quantifierFaults(node, characters));
    for (const child of childrenOf(node)) visit(child);
  };
  visit(literal.pattern);
  return faults;
}

type Matcher = AST.Character | AST.CharacterSet | AST.CharacterClass;
type Container = AST.Alternative['parent'];

function quantifierFaults(quantifier: AST.Quantifier, characters: CharacterSets): string[] {
  const {element, max, raw} = quantifier;
  const faults: string[] = [];
  if (max > 1 && descendants(element).some((node) => node.type === 'Quantifier' && node.max > 1))
    faults.push(`${raw}: a repetition inside a repetition`);
  if (max > 1 && (element.type === 'Group' || element.type === 'CapturingGroup')) {
    const starts = element.alternatives.map((alternative) =>
      firstOf(alternative.elements, 0, characters),
    );
    if (starts.some((start) => start.nullable))
      faults.push(`${raw}: a repeated branch can match nothing`);
    for (let a = 0; a < starts.length; a++)
      for (let b = a + 1; b < starts.length; b++)
        if (characters.overlap(starts[a]!.set, starts[b]!.set))
          faults.push(`${raw}: repeated branches can start with the same character`);
  }
  if (max !== Number.POSITIVE_INFINITY) return faults;
  if (!isMatcher(element)) return [...faults, `${raw}: unbounded over more than one character`];
  if (characters.overlap(characters.of(element), followerOf(quantifier, characters)))
    faults.push(`${raw}: unbounded, and what follows can match the same character`);
  if (!preceded(quantifier, characters))
    faults.push(`${raw}: unbounded, and can be the first thing a match consumes`);
  return faults;
}

/** The characters `elements[from…]` can start with, and whether they can match nothing. */
function firstOf(
  elements: readonly AST.Element[],
  from: number,
  characters: CharacterSets,
): {set: Uint8Array; nullable: boolean} {
  const set = new Uint8Array(characterCount);
  for (const element of elements.slice(from)) {
    const start = firstOfElement(element, characters);
    characters.add(set, start.set);
    if (!start.nullable) return {set, nullable: false};
  }
  return {set, nullable: true};
}

function firstOfElement(
  element: AST.Element,
  characters: CharacterSets,
): {set: Uint8Array; nullable: boolean} {
  switch (element.type) {
    case 'Assertion':
      return {set: new Uint8Array(characterCount), nullable: true};
    case 'Backreference':
      // It repeats what its group matched: anything, possibly nothing.
      return {set: characters.any, nullable: true};
    case 'Quantifier': {
      const start = firstOfElement(element.element, characters);
      return {set: start.set, nullable: start.nullable || element.min === 0};
    }
    case 'Group':
    case 'CapturingGroup': {
      const set = new Uint8Array(characterCount);
      let nullable = false;
      for (const alternative of element.alternatives) {
        const start = firstOf(alternative.elements, 0, characters);
        characters.add(set, start.set);
        nullable ||= start.nullable;
      }
      return {set, nullable};
    }
    default:
      return {set: isMatcher(element) ? characters.of(element) : characters.any, nullable: false};
  }
}

/** The characters a match can go on with after `element`. */
function followerOf(element: AST.Element, characters: CharacterSets): Uint8Array {
  const set = new Uint8Array(characterCount);
  let current: AST.Element = element;
  for (;;) {
    const alternative = current.parent as AST.Alternative;
    const after = firstOf(
      alternative.elements,
      alternative.elements.indexOf(current) + 1,
      characters,
    );
    characters.add(set, after.set);
    if (!after.nullable) return set;
    const container: Container = alternative.parent;
    // The end of the pattern, or of a look-around, which gives back what it read.
    if (container.type === 'Pattern' || container.type === 'Assertion') return set;
    if (container.parent.type === 'Quantifier') {
      const repeated = container.parent;
      if (repeated.max > 1) characters.add(set, firstOfElement(container, characters).set);
      current = repeated;
    } else current = container;
  }
}

/** True when something that cannot match nothing comes before `element` in every match. */
function preceded(element: AST.Element, characters: CharacterSets): boolean {
  let current: AST.Element = element;
  for (;;) {
    const alternative = current.parent as AST.Alternative;
    const before = alternative.elements.slice(0, alternative.elements.indexOf(current));
    if (!firstOf(before, 0, characters).nullable) return true;
    const container: Container = alternative.parent;
    if (container.type === 'Pattern') return false;
    current = container.parent.type === 'Quantifier' ? container.parent : container;
  }
}

function isMatcher(node: AST.Node): node is Matcher {
  return (
    node.type === 'Character' || node.type === 'CharacterSet' || node.type === 'CharacterClass'
  );
}

function childrenOf(node: AST.Node): AST.Node[] {
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return node.alternatives;
    case 'Assertion':
      return 'alternatives' in node ? node.alternatives : [];
    case 'Alternative':
      return node.elements;
    case 'Quantifier':
      return [node.element];
    default:
      return [];
  }
}

function descendants(node: AST.Node): AST.Node[] {
  return childrenOf(node).flatMap((child) => [child, ...descendants(child)]);
}

/** The Basic Multilingual Plane: every pattern here is without the `u` flag. */
const characterCount = 0x10000;

/** Sets of UTF-16 code units a one-character node matches, found by trying each of them. */
class CharacterSets {
  readonly any = new Uint8Array(characterCount).fill(1);
  private readonly known = new Map<string, Uint8Array>();
  private readonly ignoreCase: boolean;
  constructor(ignoreCase: boolean) {
    this.ignoreCase = ignoreCase;
  }

  of(matcher: Matcher): Uint8Array {
    let set = this.known.get(matcher.raw);
    if (set) return set;
    const test = new RegExp(`^(?:${matcher.raw})$`, this.ignoreCase ? 'i' : '');
    set = new Uint8Array(characterCount);
    for (let unit = 0; unit < characterCount; unit++)
      set[unit] = test.test(String.fromCharCode(unit)) ? 1 : 0;
    this.known.set(matcher.raw, set);
    return set;
  }

  add(into: Uint8Array, set: Uint8Array): void {
    for (let unit = 0; unit < characterCount; unit++) into[unit]! |= set[unit]!;
  }

  overlap(a: Uint8Array, b: Uint8Array): boolean {
    for (let unit = 0; unit < characterCount; unit++) if (a[unit] && b[unit]) return true;
    return false;
  }
}
