import { request } from 'node:http'
import { type Clock, systemClock } from '../src/clock.js'
import { type RunningServer, startServer } from './server.js'

/** One request that went through the tap: when it left for the forge, when the answer came back. */
export interface TappedRequest {
  method: string
  path: string
  status: number
  /** Before the forge saw the request: anything the forge answered was read no earlier than this. */
  forwardedAt: number
  /** After the forge answered: what it answered was read no later than this. */
  answeredAt: number
}

/**
 * A pass-through proxy in front of a fake forge, one per job, so a test knows exactly when *that* job
 * read the branch head (all jobs share the forge and its token). Point a job's GITHUB_API_URL at
 * `apiUrl`; the forge answers as usual. Times come from the same clock as the control plane's.
 */
export class ForgeTap {
  readonly requests: TappedRequest[] = []
  private server!: RunningServer

  private constructor(
    private readonly upstream: URL,
    private readonly clock: Clock
  ) {}

  static async start(upstreamApiUrl: string, clock: Clock = systemClock): Promise<ForgeTap> {
    const tap = new ForgeTap(new URL(upstreamApiUrl), clock)
    tap.server = await startServer(
      (req, res, body) =>
        new Promise<void>((done, fail) => {
          const forwardedAt = tap.clock.now()
          const headers = { ...req.headers, host: tap.upstream.host }
          const out = request({ host: tap.upstream.hostname, port: tap.upstream.port, method: req.method, path: req.url, headers }, (answer) => {
            const chunks: Buffer[] = []
            answer.on('data', (c: Buffer) => chunks.push(c))
            answer.on('end', () => {
              tap.requests.push({ method: req.method ?? 'GET', path: req.url ?? '', status: answer.statusCode ?? 0, forwardedAt, answeredAt: tap.clock.now() })
              res.writeHead(answer.statusCode ?? 502, answer.headers)
              res.end(Buffer.concat(chunks))
              done()
            })
            answer.on('error', fail)
          })
          out.on('error', fail)
          out.end(body)
        })
    )
    return tap
  }

  /** The GITHUB_API_URL a job uses to go through this tap (same path prefix as the forge's). */
  get apiUrl(): string {
    return `${this.server.url}${this.upstream.pathname.replace(/\/$/, '')}`
  }

  /** Branch-head reads (GitHub's `/branches/{branch}`, Gitea's too), answered or not. */
  headReads(): TappedRequest[] {
    return this.requests.filter((r) => /\/branches\/[^/?]+/.test(r.path))
  }

  close(): Promise<void> {
    return this.server.close()
  }
}
