// Types of input-modes.mjs, for its test.
export const MODES: string[]
export const INPUT_MODES: Record<string, 'all' | string[]>
export function inputsByMode(inputs: Record<string, { default?: string; description?: string }>, fence: (value: unknown) => string): string
