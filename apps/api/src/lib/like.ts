/** `text` with LIKE's wildcards (and its escape) taken literally. */
const literal = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** A LIKE pattern matching `text` anywhere. */
export const containsPattern = (text: string) => `%${literal(text)}%`;

/** A LIKE pattern matching what starts with `text`. */
export const prefixPattern = (text: string) => `${literal(text)}%`;
