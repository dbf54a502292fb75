// Strings in a synthesized cdk.tf.json are Terraform templates: `${expr}` is only known at apply time,
// `$${` and `%%{` are escapes for a literal `${` and `%{`. To read a values document before apply,
// each expression is replaced by a placeholder that is a valid YAML plain scalar; whoever reads the
// result can then tell which values are unknown (and whether they matter).

/** Every placeholder starts with this; no real values document contains it. */
export const UNKNOWN_PREFIX = '__terraform_expression_';

export interface TemplateReading {
  /** The text with each expression replaced by a placeholder and escapes resolved. */
  readonly text: string;
  /** The expressions found, in order (their placeholders are UNKNOWN_PREFIX + index + "__"). */
  readonly expressions: string[];
  /** Why the text cannot be read: a template directive (`%{ if }`) or an unterminated expression. @default - it can be read */
  readonly error?: string;
}

/** Does the string hold (part of) a value unknown until apply? */
export function isUnknownValue(value: string): boolean {
  return value.includes(UNKNOWN_PREFIX);
}

/** The placeholder readTerraformTemplate puts in place of the index-th expression. */
export function unknownValuePlaceholder(index: number): string {
  return `${UNKNOWN_PREFIX}${index}__`;
}

/** Replace the Terraform expressions in a synthesized string by placeholders. */
export function readTerraformTemplate(text: string): TemplateReading {
  let out = '';
  const expressions: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      out += `${c}{`;
      i += 2;
    } else if (c === '%' && text[i + 1] === '{') {
      return { text, expressions, error: 'it holds a Terraform template directive (%{ ... })' };
    } else if (c === '$' && text[i + 1] === '{') {
      const end = closingBrace(text, i + 1);
      if (end < 0) return { text, expressions, error: `it holds an unterminated Terraform expression at offset ${i}` };
      out += unknownValuePlaceholder(expressions.length);
      expressions.push(text.slice(i, end + 1));
      i = end;
    } else {
      out += c;
    }
  }
  return { text: out, expressions };
}

/** Index of the `}` closing the `{` at `open`, skipping quoted strings in the expression; -1 when unbalanced. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{') {
      depth++;
    } else if (c === '}' && --depth === 0) {
      return i;
    }
  }
  return -1;
}
