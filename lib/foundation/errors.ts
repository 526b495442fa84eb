/**
 * An error caused by the user's input (a file, a flag, an API answer), whose
 * message is complete on its own. Command-line entry points print its message
 * without a stack trace; any other error is a bug and keeps its stack.
 */
export class UserError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
  }
}
