/** The forge answered, but not in a shape we can use (empty, malformed, cut, missing field). */
export class ForgeAnswerError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ForgeAnswerError'
  }
}

/** The forge does not have the commit asked about (a locally built or never-pushed SHA): asking again will not help. */
export class UnknownCommitError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnknownCommitError'
  }
}
