// Preloaded with `node --import`: the process's wall clock (Date.now(), new Date()) runs SKEWED_CLOCK_MS
// off the real one (negative: behind), as a runner whose clock is not kept in time. The monotonic clock
// (performance.now) is left alone, as it is on such a runner.
const skew = Number(process.env.SKEWED_CLOCK_MS ?? '0')
const RealDate = Date

class SkewedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + skew)
    else super(...args)
  }

  static now() {
    return RealDate.now() + skew
  }
}

globalThis.Date = SkewedDate
