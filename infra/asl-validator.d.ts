/** asl-validator 4 ships no types (its CommonJS export is the function). It mutates its input: pass a copy. */
declare module 'asl-validator' {
  interface StateMachineError {
    'Error code': string;
    Message: string;
    schemaError?: { instancePath: string; schemaPath: string };
  }
  interface ValidationResult {
    isValid: boolean;
    errors: StateMachineError[];
    errorsText: (separator?: string) => string;
  }
  function aslValidator(definition: unknown, options?: { checkPaths: boolean; checkArn: boolean }): ValidationResult;
  export = aslValidator;
}
