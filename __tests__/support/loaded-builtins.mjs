// Loaded with `node --import` before dist/index.js by the start-up test: at exit, writes the Node built-in
// modules the run loaded (`process.moduleLoadList`) to the file LOADED_BUILTINS_FILE names.
import { writeFileSync } from 'node:fs'

process.on('exit', () => writeFileSync(process.env.LOADED_BUILTINS_FILE, process.moduleLoadList.join('\n')))
