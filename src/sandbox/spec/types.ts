// The shape of the operation table generated from the official spec (see operations.ts).

export interface SpecParameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required: boolean;
  type: 'string' | 'integer' | 'boolean' | 'array' | 'object' | 'number';
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  itemEnum?: readonly string[];
  itemPattern?: string;
  minItems?: number;
  maxItems?: number;
}

export interface SpecSecurity {
  /** An app Bearer token (OAuth 2.0 App-Only) is accepted. */
  app: boolean;
  /** The scopes an OAuth 2.0 user token needs, or null when user tokens are not accepted. */
  user: readonly string[] | null;
}

export interface SpecOperation {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  streaming: boolean;
  security: SpecSecurity;
  parameters: readonly SpecParameter[];
}
