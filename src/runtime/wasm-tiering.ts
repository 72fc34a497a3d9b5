import { setFlagsFromString } from 'node:v8'

/**
 * undici parses every HTTP answer with llhttp compiled to WebAssembly. V8 runs it first on its baseline
 * compiler (Liftoff) and recompiles its large parser function with the optimising compiler (TurboFan)
 * once that function has used up a "tiering budget" (roughly bytes executed). With V8's default budget
 * (1.8 M on Node 20, 13 M on Node 24) the two answers of a `mode: gate` run are enough: the recompilation
 * then costs about 70 ms of CPU on a background thread, and Node waits for it before the process exits,
 * for a parser that reads nothing more. With this budget the first answers (about a hundred forge
 * answers, measured) stay on Liftoff, and a long rollout still gets the optimised parser.
 */
export const WASM_TIERING_BUDGET = 1_000_000_000

/** Set before the first request (undici compiles llhttp then); it changes nothing else in the process. */
export function deferWasmTierUp(): void {
  setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`)
}
