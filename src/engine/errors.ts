/** A rule said no. `code` is the contract's machine code; `params` fill the translated message. */
export class EngineError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const isEngineError = (value: unknown): value is EngineError => value instanceof EngineError;
