// Types of action-inputs.mjs, for the tests that use it.
export const FIXED_VALUES: Record<string, string[]>
export const BOOLEAN_INPUTS: string[]
export function isThisAction(uses: unknown): boolean
export function actionInputs(actionYml?: string): string[]
export function closest(name: string, names: readonly string[]): string | undefined
export function withProblems(withMap: Record<string, unknown> | null | undefined, inputs: readonly string[]): string[]
export function actionSteps(doc: unknown): { step: { uses?: string; with?: Record<string, unknown> }; where: string }[]
export function workflowWithProblems(doc: unknown, inputs: readonly string[]): string[]
