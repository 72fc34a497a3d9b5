import { X509Certificate } from 'node:crypto'
import { describe, expect, it } from '@jest/globals'
import { certificateSerial, selfSigned } from '../simulator/self-signed.js'

// Go's x509 (the registry) refuses a serial with a leading zero byte or a negative one: the first byte must
// be 0x01..0x7f, and then the encoding is minimal (X.690 8.3.2).
describe('certificate serial', () => {
  const rows: Array<[string, number[]]> = [
    ['first byte zero', [0x00, 0x00, 0x12]],
    ['first byte with the top bit set', [0x80, 0x01]],
    ['all ones', [0xff, 0xff, 0xff]],
    ['already fine', [0x5a, 0x00]]
  ]
  it.each(rows)('%s becomes a positive minimal DER integer', (_label, bytes) => {
    const serial = certificateSerial(Buffer.from(bytes))
    expect(serial.length).toBe(bytes.length)
    expect(serial[0]).toBeGreaterThanOrEqual(0x01)
    expect(serial[0]).toBeLessThanOrEqual(0x7f)
    expect(serial.subarray(1)).toEqual(Buffer.from(bytes).subarray(1))
  })

  it('a generated certificate parses and its serial has no leading zero', () => {
    for (let i = 0; i < 20; i++) {
      const cert = new X509Certificate(selfSigned('registry-test').certPem)
      expect(cert.serialNumber).toMatch(/^[4-7][0-9A-F]{15}$/)
    }
  })
})
