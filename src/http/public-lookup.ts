import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import type { LookupFunction } from 'node:net'
import { isInternalAddress } from './internal-address.js'

/**
 * Name resolution for requests that must reach only public hosts (a registry's redirect to its blob
 * storage): the name is resolved as the socket connects, and the connection is refused if ANY address it
 * resolves to is internal. Checked at connect time, not before, so a name that answers a public address to
 * a first look-up and a loopback one to the connection (DNS rebinding) gains nothing.
 */
export type Resolver = (hostname: string, callback: (error: Error | null, addresses: LookupAddress[]) => void) => void

export const systemResolver: Resolver = (hostname, callback) => dnsLookup(hostname, { all: true, verbatim: true }, callback)

/** The error code of a refusal; a NetworkError with a `REDIRECT` code is never retried (src/http/retry.ts). */
export const INTERNAL_ADDRESS_CODE = 'REDIRECT_TO_INTERNAL_ADDRESS'

export function publicOnlyLookup(resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, (error, found) => {
      if (error) return callback(error, '', 0)
      const addresses = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found
      const internal = found.find((a) => isInternalAddress(a.address))
      if (internal || addresses.length === 0) {
        const why = internal ? `resolves to the internal address ${internal.address}` : 'resolves to no address'
        return callback(Object.assign(new Error(`${hostname} ${why}; refused`), { code: INTERNAL_ADDRESS_CODE }), '', 0)
      }
      if (options.all) return callback(null, addresses)
      callback(null, addresses[0]!.address, addresses[0]!.family)
    })
  }
}
