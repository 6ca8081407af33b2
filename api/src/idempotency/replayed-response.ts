/** Thrown to short-circuit a request with a stored response; the exception filter sends it as-is. */
export class ReplayedResponse {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}
