/** A piece of an excerpt: plain, or a match of a word the agent typed. */
export interface HighlightSegment {
  readonly text: string;
  readonly match: boolean;
}

/**
 * One character folded as the service folds search text, keeping its length: full-width
 * ASCII to half-width, katakana to hiragana, upper to lower case.
 */
function foldCharacter(character: string): string {
  const code = character.charCodeAt(0);
  let folded = character;
  if (code >= 0xff01 && code <= 0xff5e) folded = String.fromCharCode(code - 0xfee0);
  else if (code === 0x3000) folded = ' ';
  else if (code >= 0x30a1 && code <= 0x30f6) folded = String.fromCharCode(code - 0x60);
  const lower = folded.toLowerCase();
  return lower.length === 1 ? lower : folded;
}

function fold(text: string): string {
  let folded = '';
  for (let index = 0; index < text.length; index += 1) folded += foldCharacter(text.charAt(index));
  return folded;
}

/**
 * Splits `text` into plain pieces and the places where a word of `query` occurs (words split
 * at half- and full-width spaces; width, case and katakana/hiragana do not matter), so the
 * result list can show why an article matched.
 */
export function highlightSegments(text: string, query: string): HighlightSegment[] {
  const words = [...new Set(fold(query).split(/\s+/u).filter((word) => word.length > 0))];
  if (words.length === 0 || text === '') return text === '' ? [] : [{ text, match: false }];
  const folded = fold(text);
  const marked = new Array<boolean>(text.length).fill(false);
  for (const word of words) {
    for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + word.length)) marked.fill(true, at, at + word.length);
  }
  const segments: HighlightSegment[] = [];
  let start = 0;
  for (let index = 1; index <= text.length; index += 1) {
    if (index === text.length || marked[index] !== marked[start]) {
      segments.push({ text: text.slice(start, index), match: marked[start] === true });
      start = index;
    }
  }
  return segments;
}
