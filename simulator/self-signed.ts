import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto'

/**
 * A throw-away self-signed P-256 certificate, DER-encoded by hand so the token tests need no openssl
 * binary: one CN, a validity window around now, CA and signing key usage.
 */
export interface SelfSigned {
  key: KeyObject
  /** PEM, for the registry's rootcertbundle. */
  certPem: string
  /** base64 DER, for a JWT `x5c` header. */
  certBase64: string
}

const tlv = (tag: number, content: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), length(content.length), content])
const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items))

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n])
  const bytes: number[] = []
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number)
  const out = [a! * 40 + b!]
  for (const n of rest) {
    const chunk: number[] = [n & 0x7f]
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80)
    out.push(...chunk)
  }
  return tlv(0x06, Buffer.from(out))
}

function utcTime(date: Date): Buffer {
  const iso = date.toISOString()
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`
  return tlv(0x17, Buffer.from(text, 'ascii'))
}

/**
 * The serial as DER wants it (RFC 5280 4.1.2.2, X.690 8.3.2): a positive INTEGER in minimal form. Go's
 * x509, which the registry uses, rejects a leading 0x00 byte as a malformed serial, and a first byte of
 * 0x80 or more would read as negative; so the first byte is forced into 0x40..0x7f (never 0, top bit clear).
 */
export function certificateSerial(random: Buffer): Buffer {
  if (random.length === 0) throw new Error('certificateSerial: no random bytes')
  const serial = Buffer.from(random)
  serial[0] = (serial[0]! & 0x3f) | 0x40
  return serial
}

const name = (cn: string): Buffer => seq(tlv(0x31, seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8')))))
const bitString = (bytes: Buffer): Buffer => tlv(0x03, Buffer.concat([Buffer.from([0]), bytes]))

export function selfSigned(commonName: string): SelfSigned {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const ecdsaSha256 = seq(oid('1.2.840.10045.4.3.2'))
  const serial = certificateSerial(randomBytes(8))
  const now = Date.now()
  const extensions = tlv(
    0xa3,
    seq(
      // basicConstraints, critical, CA:TRUE
      seq(oid('2.5.29.19'), tlv(0x01, Buffer.from([0xff])), tlv(0x04, seq(tlv(0x01, Buffer.from([0xff]))))),
      // keyUsage, critical: digitalSignature + keyCertSign
      seq(oid('2.5.29.15'), tlv(0x01, Buffer.from([0xff])), tlv(0x04, tlv(0x03, Buffer.from([0x02, 0x84]))))
    )
  )
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    ecdsaSha256,
    name(commonName),
    seq(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 2 * 86_400_000))),
    name(commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions
  )
  const der = seq(tbs, ecdsaSha256, bitString(sign('sha256', tbs, privateKey)))
  const certBase64 = der.toString('base64')
  const certPem = `-----BEGIN CERTIFICATE-----\n${certBase64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`
  return { key: privateKey, certPem, certBase64 }
}
