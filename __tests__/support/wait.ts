/**
 * Resolves once `predicate` holds, checking every 10 ms: for events a simulator records without a
 * listener (a request seen, a line printed). The timeout only bounds a broken test; it is not a timing.
 */
export function waitFor(predicate: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now()
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (predicate()) resolve()
      else if (Date.now() - start > timeoutMs) reject(new Error(`timed out waiting for ${what}`))
      else setTimeout(tick, 10)
    }
    tick()
  })
}
