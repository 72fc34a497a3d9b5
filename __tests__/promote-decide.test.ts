import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { decidePromotion, type PromotionFacts } from '../src/promote/decide.js'

const SHA = 'b'.repeat(40)
const NEWER = 'c'.repeat(40)
const SRC = `sha256:${'1'.repeat(64)}`
const OLD = `sha256:${'2'.repeat(64)}`

type Over = Partial<Omit<PromotionFacts, 'target'>> & { target?: Partial<PromotionFacts['target']> }

function facts(over: Over = {}): PromotionFacts {
  const { target, ...rest } = over
  return {
    sha: SHA,
    source: { tag: 'staging-bbbbbbb', digest: SRC },
    targetAhead: false,
    force: false,
    ...rest,
    target: { tag: 'latest', digest: OLD, revision: 'a'.repeat(40), ...target }
  }
}

describe('forward-only decision', () => {
  it('same digest: unchanged, even with force', () => {
    expect(decidePromotion(facts({ target: { digest: SRC } })).action).toBe('unchanged')
    expect(decidePromotion(facts({ target: { digest: SRC }, force: true, targetAhead: true })).action).toBe('unchanged')
  })

  it('tag absent: promote', () => {
    const d = decidePromotion(facts({ target: { digest: undefined, revision: undefined } }))
    expect(d).toMatchObject({ action: 'promote', forced: false })
    expect(d.reason).toMatch(/does not exist yet/)
  })

  it('target is a descendant of this commit: skip, naming both', () => {
    const d = decidePromotion(facts({ target: { revision: NEWER }, targetAhead: true }))
    expect(d.action).toBe('skip-ahead')
    expect(d.reason).toContain('ccccccc')
    expect(d.reason).toContain('bbbbbbb')
    expect(d.reason).toMatch(/forward-only/)
  })

  it('force overrides the ahead check and says so', () => {
    const d = decidePromotion(facts({ target: { revision: NEWER }, targetAhead: true, force: true }))
    expect(d).toMatchObject({ action: 'promote', forced: true })
    expect(d.reason).toMatch(/force: true moves it back/)
  })

  it('older or unknown revision: promote', () => {
    expect(decidePromotion(facts())).toMatchObject({ action: 'promote', forced: false })
    const unknown = decidePromotion(facts({ target: { revision: undefined, revisionNote: 'no revision annotation or label' } }))
    expect(unknown).toMatchObject({ action: 'promote', forced: false })
    expect(unknown.reason).toMatch(/commit is unknown \(no revision annotation or label\)/)
  })

  it('property: never moves the tag backward without force, never writes the same digest', () => {
    const digest = fc.constantFrom(SRC, OLD, undefined)
    fc.assert(
      fc.property(digest, fc.option(fc.stringMatching(/^[0-9a-f]{40}$/), { nil: undefined }), fc.boolean(), fc.boolean(), (d, revision, ahead, force) => {
        const decision = decidePromotion(facts({ target: { digest: d, revision }, targetAhead: ahead, force }))
        if (d === SRC) expect(decision.action).toBe('unchanged')
        else if (d && ahead && !force) expect(decision.action).toBe('skip-ahead')
        else expect(decision.action).toBe('promote')
        if (decision.action === 'promote') expect(decision.forced).toBe(Boolean(d && ahead && force))
      })
    )
  })
})
