export { Supervisor, type SupervisorOptions } from './supervisor.js';
export type { SupervisorEvent, SupervisorListener, SupervisorStatus } from './events.js';
export { suggestionSeed, trainingSeed } from './seeds.js';
