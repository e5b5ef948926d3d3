// Checks a request's query and path parameters against the spec, answering X's 400 messages.
import type { SpecOperation, SpecParameter } from '../spec/types';
import type { ParameterError } from './problems';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const error = (name: string, value: string, message: string): ParameterError => ({ parameters: { [name]: [value] }, message });

export function validateParameters(operation: SpecOperation, query: Readonly<Record<string, string>>, params: Readonly<Record<string, string>>): ParameterError[] {
  const errors: ParameterError[] = [];
  const known = operation.parameters.filter((p) => p.in === 'query');
  for (const name of Object.keys(query)) {
    if (!known.some((p) => p.name === name)) {
      errors.push(error(name, query[name]!, `The query parameter [${name}] is not one of [${known.map((p) => p.name).join(',')}]`));
    }
  }
  for (const parameter of operation.parameters) {
    if (parameter.in === 'header') continue;
    const value = parameter.in === 'path' ? params[parameter.name] : query[parameter.name];
    if (value === undefined || value === '') {
      if (parameter.required) errors.push({ parameters: { [parameter.name]: [] }, message: `The \`${parameter.name}\` query parameter can not be empty` });
      continue;
    }
    const problem = checkValue(parameter, value);
    if (problem) errors.push(error(parameter.name, value, problem));
  }
  return errors;
}

function checkValue(parameter: SpecParameter, value: string): string | null {
  const name = `The \`${parameter.name}\` query parameter value [${value}]`;
  switch (parameter.type) {
    case 'integer': {
      if (!/^-?\d+$/.test(value)) return `${name} is not a valid integer`;
      const number = Number(value);
      const { minimum, maximum } = parameter;
      if ((minimum !== undefined && number < minimum) || (maximum !== undefined && number > maximum)) {
        return `${name} is not between ${minimum ?? '-∞'} and ${maximum ?? '∞'}`;
      }
      return null;
    }
    case 'boolean':
      return value === 'true' || value === 'false' ? null : `${name} is not one of [true,false]`;
    case 'array': {
      const items = value.split(',');
      for (const item of items) {
        if (parameter.itemEnum && !parameter.itemEnum.includes(item)) {
          return `The \`${parameter.name}\` query parameter value [${item}] is not one of [${parameter.itemEnum.join(',')}]`;
        }
        if (parameter.itemPattern && !new RegExp(parameter.itemPattern).test(item)) {
          return `The \`${parameter.name}\` query parameter value [${item}] does not match ${parameter.itemPattern}`;
        }
      }
      if (parameter.maxItems !== undefined && items.length > parameter.maxItems) {
        return `${name} has ${items.length} items; at most ${parameter.maxItems} are allowed`;
      }
      if (parameter.minItems !== undefined && items.length < parameter.minItems) return `${name} has too few items`;
      return null;
    }
    default:
      return checkString(parameter, value, name);
  }
}

function checkString(parameter: SpecParameter, value: string, name: string): string | null {
  if (parameter.enum && !parameter.enum.includes(value)) return `${name} is not one of [${parameter.enum.join(',')}]`;
  if (parameter.pattern && !new RegExp(parameter.pattern).test(value)) return `${name} does not match ${parameter.pattern}`;
  if (parameter.format === 'date-time' && (!RFC3339.test(value) || Number.isNaN(Date.parse(value)))) {
    return `${name} is not a valid RFC 3339 date-time (YYYY-MM-DDTHH:mm:ssZ)`;
  }
  if (parameter.minLength !== undefined && value.length < parameter.minLength) return `${name} is shorter than ${parameter.minLength} characters`;
  if (parameter.maxLength !== undefined && value.length > parameter.maxLength) return `${name} is longer than ${parameter.maxLength} characters`;
  return null;
}
