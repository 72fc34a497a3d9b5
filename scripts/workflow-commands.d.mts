// Types of workflow-commands.mjs, for the tests that use it.
export const WORKFLOW_COMMAND: RegExp
export function workflowCommands(text: string): string[]
