export * from './codes.ts';
export * from './frames.ts';
export * from './locales.ts';
export { isWellFormedText, malformedTextMessage } from './text.ts';
export { type ParseResult, parseClientFrame } from './validate.ts';
