// The message a Node process's bootstrap sends once its entry module has loaded
// (process/worker-entry.node.mjs → platform/node.ts). Plain .mjs: the bootstrap runs before tsx.
export const LOADED = '__playground_worker_loaded__';
