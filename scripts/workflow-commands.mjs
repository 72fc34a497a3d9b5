// A line a runner reads as a workflow command (`::error file=x::...`, `::add-mask::...`, `::endgroup::`):
// the runner accepts one at the start of a line, after leading whitespace.
export const WORKFLOW_COMMAND = /^\s*::[a-z][a-z-]*(?: [^\n]*?)?::/

/** The workflow-command lines of `text`. */
export function workflowCommands(text) {
  return text.split('\n').filter((line) => WORKFLOW_COMMAND.test(line))
}
