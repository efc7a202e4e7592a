export * from './problem-code';
export * from './app-exception';
export * from './problem-details';
export * from './problem-details.filter';
