import { describe, expect, it } from '@jest/globals'
import type { Standing } from '../src/record/standing.js'
import { chooseRestoreTarget, type StableChoice, type StableFacts } from '../src/rollout/restore-target.js'

/** Where a failed canary goes back to: the stable release, one row per case. */
const T = 'b'.repeat(40) // the rejected commit
const P = 'a'.repeat(40) // the canary's pre-flight commit
const L = 'c'.repeat(40) // the promote tag's commit
const V = 'd'.repeat(40) // another commit read on the canary

type Latest = StableFacts['latest']
const latest = (standing: Standing, sha = L): Latest => ({ sha, standing })
const none = (re: RegExp): StableChoice => ({ kind: 'none', reason: expect.stringMatching(re) as unknown as string })

describe('chooseRestoreTarget', () => {
  it.each<[string, Standing, Latest, { sha: string; standing: Standing }[], StableChoice]>([
    // The commit the tenant served, when its own deploy verified: the smallest move back.
    ['no promote tag; the pre-flight commit verified', 'verified', undefined, [], { kind: 'restore', to: P, basis: 'previous' }],
    ['a verified pre-flight commit before the promote tag', 'verified', latest('verified'), [{ sha: V, standing: 'verified' }], { kind: 'restore', to: P, basis: 'previous' }],
    // Otherwise the promote tag's commit, when the job knows it.
    ['the promote tag, verified', 'unverified', latest('verified'), [], { kind: 'restore', to: L, basis: 'latest' }],
    ['the promote tag before another verified canary commit', 'held', latest('verified'), [{ sha: V, standing: 'verified' }], { kind: 'restore', to: L, basis: 'latest' }],
    ['the promote tag with no record (it is moved only after a verified deploy)', 'unrecorded', latest('unrecorded'), [], { kind: 'restore', to: L, basis: 'latest' }],
    ['the promote tag on the pre-flight commit, whose records cannot be read', 'unknown', latest('unrecorded', P), [], { kind: 'restore', to: P, basis: 'latest' }],
    ['a held promote tag is passed over for a verified canary commit', 'unrecorded', latest('held'), [{ sha: V, standing: 'verified' }], { kind: 'restore', to: V, basis: 'verified' }],
    ['a promote tag whose records verify nothing is passed over', 'unrecorded', latest('unverified'), [{ sha: V, standing: 'verified' }], { kind: 'restore', to: V, basis: 'verified' }],
    ['a promote tag whose records cannot be read is passed over', 'unrecorded', latest('unknown'), [{ sha: V, standing: 'verified' }], { kind: 'restore', to: V, basis: 'verified' }],
    ['a promote tag on the rejected commit is no release to go back to', 'unrecorded', latest('verified', T), [{ sha: V, standing: 'verified' }], { kind: 'restore', to: V, basis: 'verified' }],
    ['a promote tag of unknown commit', 'unrecorded', { note: 'no revision annotation or label' }, [{ sha: V, standing: 'verified' }], { kind: 'restore', to: V, basis: 'verified' }],
    [
      'the pre-flight commit with no record: absence of evidence is not a stable release',
      'unrecorded',
      undefined,
      [],
      none(/previous commit aaaaaaa has no deploy record, so nothing shows it verified/)
    ],
    ['the pre-flight commit held', 'held', undefined, [], none(/previous commit aaaaaaa was rejected by its own deploy \(held\)/)],
    ['the pre-flight commit unverified', 'unverified', undefined, [], none(/previous commit aaaaaaa has a deploy record that verifies nothing/)],
    ['the pre-flight commit of unreadable records', 'unknown', undefined, [], none(/deploy records of its previous commit aaaaaaa could not be read/)],
    // Then the newest verified commit read on the canary, never a held or unverified one.
    ['another canary commit verified', 'unrecorded', undefined, [{ sha: V, standing: 'verified' }], { kind: 'restore', to: V, basis: 'verified' }],
    [
      'the first verified in the given (newest-first) order',
      'held',
      undefined,
      [
        { sha: P, standing: 'held' },
        { sha: V, standing: 'unverified' },
        { sha: L, standing: 'verified' },
        { sha: V, standing: 'verified' }
      ],
      { kind: 'restore', to: L, basis: 'verified' }
    ],
    [
      'other commits held, unverified, unrecorded or unknown',
      'unrecorded',
      undefined,
      (['held', 'unverified', 'unrecorded', 'unknown'] as const).map((standing) => ({ sha: V, standing })),
      none(/no stable release is known/)
    ],
    ['a verified candidate that is the rejected commit', 'held', undefined, [{ sha: T, standing: 'verified' }], none(/was rejected by its own deploy/)],
    // Where none is known, the reason names the promote tag too.
    [
      'no release, and the promote tag unknown',
      'unrecorded',
      { note: 'latest does not exist' },
      [],
      none(/the promote tag's commit is not known \(latest does not exist\); the canary stays on the rejected build$/)
    ],
    ['no release, and the promote tag held', 'unrecorded', latest('held'), [], none(/the promote tag's commit ccccccc is held/)],
    ['no release, and the promote tag on the rejected commit', 'unrecorded', latest('verified', T), [], none(/the promote tag holds the rejected commit bbbbbbb/)]
  ])('%s', (_name, standing, l, candidates, expected) => {
    expect(chooseRestoreTarget({ target: T, previous: { sha: P, standing }, latest: l, candidates })).toEqual(expected)
  })

  it('the pre-flight commit is never the rejected one, even verified', () => {
    expect(chooseRestoreTarget({ target: T, previous: { sha: T, standing: 'verified' }, candidates: [] })).toEqual(none(/previous commit bbbbbbb is the rejected commit itself/))
  })

  it('with report: none no record is read, and the reason says so', () => {
    expect(chooseRestoreTarget({ target: T, previous: { sha: P, standing: 'unknown' }, candidates: [], noRecords: true })).toEqual(
      none(/^no stable release is known: no deploy record is read \(report: none\), so nothing shows its previous commit aaaaaaa verified; the canary stays on the rejected build$/)
    )
    // The promote tag is evidence of its own.
    expect(chooseRestoreTarget({ target: T, previous: { sha: P, standing: 'unknown' }, latest: latest('unrecorded'), candidates: [], noRecords: true })).toEqual({
      kind: 'restore',
      to: L,
      basis: 'latest'
    })
  })
})
