// Types of test-sequencer.mjs, for the test of its ranking.
export function estimateMs(source: string, bytes: number): number
export default class CostFirstSequencer {}
