// Types of unit-tests.mjs, for the test of its selection.
export const SLOW_IMPORTS: RegExp[]
export function isUnitTest(source: string): boolean
export function unitTests(dir?: string): string[]
