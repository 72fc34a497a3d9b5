/** The forge answered, but not in a shape we can use (empty, malformed, missing field). */
export class ForgeAnswerError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ForgeAnswerError'
  }
}
