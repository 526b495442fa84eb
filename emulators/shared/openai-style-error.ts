// OpenAI's error envelope, `{error:{message,type,param,code}}`, which Together
// AI's API copies (`ErrorData` in its OpenAPI description).
import { EmulatedApiError } from './route.ts';

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export class OpenAIStyleError extends EmulatedApiError {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string = 'invalid_request_error',
    readonly param: string | null = null,
    readonly code: string | null = null,
    headers: Record<string, string> = {},
  ) {
    super(message);
    Object.assign(this.headers, headers);
  }

  toBody(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}
