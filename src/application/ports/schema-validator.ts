/** One reason a document breaks a JSON Schema: where (JSON Pointer) and why. */
export interface SchemaIssue {
  path: string;
  reason: string;
}

export type Validate = (data: unknown) => SchemaIssue[];

/** JSON Schema validation (draft 2020-12 with formats), compiled once per schema. */
export interface SchemaValidator {
  compile(schema: object): Validate;
}
