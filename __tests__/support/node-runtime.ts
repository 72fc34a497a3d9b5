import { resolve } from 'node:path'

/** A stand-in action that reports the node running it (see node-version-action.mjs). */
export const NODE_VERSION_ACTION = resolve('__tests__/support/node-version-action.mjs')
