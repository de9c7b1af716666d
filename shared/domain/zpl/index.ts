export * from './builder';
export * from './escape';
export * from './gs1-128';
export * from './templates';
