import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { decidePromotion, type PromotionFacts } from '../src/promote/decide.js'

const SHA = 'b'.repeat(40)
const NEWER = 'c'.repeat(40)
const SRC = `sha256:${'1'.repeat(64)}`
const OLD = `sha256:${'2'.repeat(64)}`

type Over = Partial<Omit<PromotionFacts, 'target' | 'source'>> & { target?: Partial<PromotionFacts['target']>; source?: Partial<PromotionFacts['source']> }

function facts(over: Over = {}): PromotionFacts {
  const { target, source, ...rest } = over
  const built: PromotionFacts = {
    sha: SHA,
    source: { tag: 'staging-bbbbbbb', digest: SRC, revision: SHA },
    targetAhead: false,
    force: false,
    ...rest,
    target: { tag: 'latest', digest: OLD, revision: 'a'.repeat(40), ...target }
  }
  return { ...built, source: { ...built.source, ...source } }
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
    // Source first, then the tag it goes to: the direction the summary and the demo show.
    expect(d.reason).toMatch(/promoting staging-\w+ \(sha256:\w+, built from \w+\) → latest\.$/)
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

  it('the reason names the commit of the copied image, not the job', () => {
    const d = decidePromotion(facts({ sha: 'd'.repeat(40), target: { revision: NEWER }, targetAhead: true }))
    expect(d.action).toBe('skip-ahead')
    expect(d.reason).toContain('a newer commit than bbbbbbb, the commit of staging-bbbbbbb')
    expect(d.reason).not.toContain('ddddddd')
  })

  it('a source of unknown commit over a target of known commit is refused, unless forced', () => {
    const d = decidePromotion(facts({ source: { revision: undefined, revisionNote: 'no revision annotation or label' } }))
    expect(d.action).toBe('refuse')
    expect(d.reason).toMatch(/staging-bbbbbbb holds an image whose commit is unknown \(no revision annotation or label\) and latest holds aaaaaaa/)
    expect(d.reason).toMatch(/force: true/)
    expect(decidePromotion(facts({ source: { revision: undefined }, force: true }))).toMatchObject({ action: 'promote', forced: true })
    // Nothing known on either side, or no target: nothing can go backward that anyone knows of.
    expect(decidePromotion(facts({ source: { revision: undefined }, target: { revision: undefined } })).action).toBe('promote')
    expect(decidePromotion(facts({ source: { revision: undefined }, target: { digest: undefined, revision: undefined } })).action).toBe('promote')
  })

  it('an unreadable image is refused, and force moves past it loudly (forced)', () => {
    const target = { revision: undefined, unreadable: true, revisionNote: 'the index refers to a missing platform image' }
    const refused = decidePromotion(facts({ target }))
    expect(refused.action).toBe('refuse')
    expect(refused.reason).toMatch(/cannot tell which commit latest \(sha256:222222222222\) was built from \(the index refers to a missing platform image\)/)
    expect(decidePromotion(facts({ target, force: true }))).toMatchObject({ action: 'promote', forced: true })
    expect(decidePromotion(facts({ source: { revision: undefined, unreadable: true, revisionNote: 'HTTP 500' }, force: true }))).toMatchObject({ action: 'promote', forced: true })
  })

  it('property: never moves the tag backward without force, never writes the same digest', () => {
    const digest = fc.constantFrom(SRC, OLD, undefined)
    const rev = fc.option(fc.stringMatching(/^[0-9a-f]{40}$/), { nil: undefined })
    fc.assert(
      fc.property(digest, rev, rev, fc.boolean(), fc.boolean(), (d, revision, sourceRevision, aheadAnswer, force) => {
        // The forge is only asked when both commits are known.
        const ahead = Boolean(revision && sourceRevision && aheadAnswer)
        const decision = decidePromotion(facts({ target: { digest: d, revision }, source: { revision: sourceRevision }, targetAhead: ahead, force }))
        const unprovable = Boolean(d && revision && !sourceRevision)
        if (d === SRC) expect(decision.action).toBe('unchanged')
        else if (unprovable && !force) expect(decision.action).toBe('refuse')
        else if (d && ahead && !force) expect(decision.action).toBe('skip-ahead')
        else expect(decision.action).toBe('promote')
        if (decision.action === 'promote') expect(decision.forced).toBe(Boolean(d && (ahead || unprovable) && force))
      })
    )
  })
})
