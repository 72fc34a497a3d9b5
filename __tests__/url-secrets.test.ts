import { describe, expect, it } from '@jest/globals'
import { redact, registerSecret } from '../src/redact.js'
import { tenantFromVerdict } from '../src/report/model.js'
import { secretInputs } from '../src/settings/secrets.js'

/**
 * Secrets in URL inputs are masked by position, not by the parameter's name: a JWT under `?jwt=` is as
 * hidden as one under `?token=`, in the report's tenant URL and in an answer that echoes the URL.
 */
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZW5hbnQifQ.c2lnbmF0dXJlLXNlY3JldA'

describe('a query value of a URL input', () => {
  it("is masked in the report's tenant URL whatever the parameter is called", () => {
    const row = tenantFromVerdict({ tenant: 't1', verdict: 'stale', polls: 1, elapsedMs: 1, url: `https://t1.example/buildinfo?jwt=${JWT}&env=production&_rg=1` })
    expect(row.url).toBe('https://t1.example/buildinfo?jwt=***&env=***&_rg=***')
  })

  it('is masked where an answer echoes it in the URL, under any name, raw or decoded', () => {
    for (const s of secretInputs({ 'INPUT_BUILDINFO-URL': `https://{tenant}.example/bi?jwt=${JWT}&note=a%20b%2Bc&tenant={tenant}` })) registerSecret(s)
    const echoed = redact(`404: no route for GET /bi?jwt=${JWT}&note=a b+c&tenant=t1 (note=a%20b%2Bc)`)
    expect(echoed).not.toContain(JWT)
    expect(echoed).not.toContain('a b+c')
    expect(echoed).not.toContain('a%20b%2Bc')
    // The bare word of an ordinary value is not blanked everywhere.
    expect(redact('the note is a b+c')).toBe('the note is a b+c')
  })
})
