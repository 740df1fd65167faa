export * from './codes.ts';
export * from './frames.ts';
export { type ParseResult, parseClientFrame } from './validate.ts';
