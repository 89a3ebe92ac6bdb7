/** 1-based line and column of a 0-based offset in text. */
export function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Maps a position inside a fragment (1-based) to the editor, given where the fragment starts in the editor. */
export function shiftPosition(at: { line: number; column: number }, start: { line: number; column: number }) {
  return { line: start.line + at.line - 1, column: at.line === 1 ? start.column + at.column - 1 : at.column };
}
