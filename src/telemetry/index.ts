// Telemetry: shared-memory process slots, counters and event rings; snapshots; wait-for graph.
export * from './layout';
export { TelemetryBuffer } from './buffer';
export { TelemetryWriter } from './writer';
export { telemetryBuffer, currentWriter, setTelemetryEnabled } from './current';
export { nameProcess, processName, describeResource, resourceEntry } from './directory';
export type { ResourceEntry, ResourceProbe } from './directory';
export { readProcessState, takeSnapshot } from './snapshot';
export type { EventCursor, EventRecord, ProcessSnapshot, ResourceSnapshot, SnapshotOptions, TelemetrySnapshot } from './snapshot';
export { buildWaitForGraph, findCycle, processNode, resourceNode } from './wait-for-graph';
export type { WaitForEdge, WaitForGraph, WaitForNode } from './wait-for-graph';
