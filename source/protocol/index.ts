export * from './messages.js';
export * from './result.js';
