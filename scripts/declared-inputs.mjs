// The inputs action.yml declares, as a TypeScript module the action reads to name undeclared ones.
// Written by `npm run docs` (scripts/docs.mjs); `npm run docs:check` fails when it is out of date.
export const DECLARED_INPUTS_MODULE = 'src/settings/declared-inputs.ts'

export function declaredInputsModule(action) {
  const names = Object.keys(action.inputs ?? {})
  return [
    '// Generated from action.yml by scripts/docs.mjs (`npm run docs`); do not edit by hand.',
    '',
    '/** Every input action.yml declares, in its order. */',
    'export const DECLARED_INPUTS: readonly string[] = [',
    ...names.map((n, i) => `  '${n}'${i < names.length - 1 ? ',' : ''}`),
    ']',
    ''
  ].join('\n')
}
