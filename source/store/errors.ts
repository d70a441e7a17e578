/** The one error type of the store: a code the caller can branch on, the file concerned, and a message for the user. */
export type StoreErrorCode = 'corrupt' | 'mismatch' | 'missing' | 'locked' | 'io';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** Wraps a file-system failure as an `io` StoreError naming the path. */
export function ioError(path: string, what: string, error: unknown): StoreError {
  return new StoreError('io', path, `cannot ${what} ${path}: ${(error as Error).message}`);
}
