import Queue from 'yocto-queue'

/** What waits for a slot: the waiting object itself, so waiting allocates no callback. */
export interface SlotUser {
  /** Called once a slot is held; must call `release()` when done. */
  start(): void
}

/**
 * The bound on requests in flight across a fleet. p-limit does the same with a closure, two promises, a
 * bound function and its arguments per waiting call; when a fleet larger than the throughput queues
 * nearly every tenant for a slot (10,000 tenants polled every interval), those made up most of the
 * verifier's live heap. Here a waiting tenant is one queue node pointing at the tenant.
 */
export class Slots {
  private active = 0
  private readonly waiting = new Queue<SlotUser>()

  constructor(private readonly size: number) {}

  /** Starts `user` now if a slot is free, else once one is. */
  acquire(user: SlotUser): void {
    if (this.active < this.size) {
      this.active += 1
      user.start()
    } else {
      this.waiting.enqueue(user)
    }
  }

  /** Hands the slot to the next waiting user, if any. */
  release(): void {
    const next = this.waiting.dequeue()
    if (next) next.start()
    else this.active -= 1
  }
}
