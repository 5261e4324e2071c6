export * from './reference.js';
export * from './identity.js';
export * from './platforms.js';
export * from './evaluations.js';
export * from './notifications.js';
export * from './cluster.js';
export * from './recognition.js';
export * from './publicity.js';
