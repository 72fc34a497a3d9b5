/**
 * The start-up floor of any action built on the toolkit: `@actions/core` and nothing else. The bench
 * bundles this file with ncc, as the action is bundled, and times it next to the gate and a bare
 * `node -e 0`. `@actions/core` imports `@actions/http-client` (for OIDC tokens), which imports undici's
 * whole entry module, so this figure is what no change inside Rollout Guard can go below.
 */
import * as core from '@actions/core'

core.debug('toolkit loaded')
