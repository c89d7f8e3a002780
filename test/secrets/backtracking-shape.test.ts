import {describe, expect, it} from 'vitest';
import {backtrackingFaults} from '../helpers/backtracking-shape';

// The check every secret pattern must pass: it must find the shapes that backtrack
// super-linearly, or passing it would prove nothing.
describe('backtrackingFaults', () => {
  it.each([
    [/(a+)+$/, 'a repetition inside a repetition'],
    [/x(?:\w{1,9}){2,50}y/, 'a repetition inside a repetition'],
    [/x(?:ab|ac){0,50}/, 'repeated branches can start with the same character'],
    [/x(?:a|)*/, 'a repeated branch can match nothing'],
    [/x(?:ab)*/, 'unbounded over more than one character'],
    [/x[a-z]*\w/, 'what follows can match the same character'],
    [/x(?:\s*)?\s/, 'what follows can match the same character'],
    [/password\s*(?:=|\s)/i, 'what follows can match the same character'],
    [/\s*=/, 'can be the first thing a match consumes'],
    [/(?:\s*|y)=/, 'can be the first thing a match consumes'],
  ])('finds the fault in %s', (pattern, fault) => {
    expect(backtrackingFaults(pattern).join('\n')).toContain(fault);
  });

  it.each([
    /x\s*[=:]\s*"[^"]{0,100}"/,
    /\bBearer\s+(?![a-z]+\b)[\w.~+/-]{4,4096}=*/,
    /x(?:[^']|''){0,512}'/,
    /-----BEGIN ([A-Z ]{0,40})KEY-----[\s\S]{0,100}?-----END \1KEY-----/,
    /[A-Za-z_]{0,40}(?:secret|token)[A-Za-z_]{0,20}/i,
  ])('passes %s, which backtracks at most a bounded amount per position', (pattern) => {
    expect(backtrackingFaults(pattern)).toEqual([]);
  });
});
