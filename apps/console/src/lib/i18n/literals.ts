/**
 * Finds the user-facing text written straight into JSX, which no catalog can translate: text
 * between tags, and string literals given to the attributes people read (aria-label, title,
 * placeholder, alt, …) or put between tags as `{'…'}`. Text without a letter (symbols, `×`,
 * `·`, numbers) and the allowed names are not text to translate.
 */
import ts from 'typescript';

export interface Literal {
  file: string;
  line: number;
  text: string;
}

/**
 * The attributes whose value is read or heard by a person: the ARIA and HTML ones, and the
 * console's own components' props that end up as text (Field's label and hint, a dialog's
 * title and buttons, a card's description).
 */
const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
  'hint',
  'subtitle',
  'description',
  'confirmLabel',
  'submitLabel',
  'pendingLabel',
  'what',
]);

/** Example values (a URL, an email address) read the same in every language. */
const EXAMPLE = /^(https?:\/\/\S+|[\w.+-]+@[\w.-]+)$/;

const LETTER = /\p{L}/u;

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  }
  if (ts.isConditionalExpression(node)) {
    const parts = [literalText(node.whenTrue), literalText(node.whenFalse)].filter(Boolean);
    return parts.length ? parts.join(' | ') : null;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
    return literalText(node.right);
  }
  if (
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken
  ) {
    return literalText(node.right);
  }
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  return null;
}

export function scanJsxLiterals(
  file: string,
  source: string,
  allowed: ReadonlySet<string>,
): Literal[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Literal[] = [];
  const report = (node: ts.Node, raw: string | null) => {
    const text = raw?.replace(/\s+/g, ' ').trim();
    if (!text || !LETTER.test(text) || EXAMPLE.test(text) || allowed.has(text)) return;
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    found.push({ file, line: line + 1, text });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) {
      // `{'text'}` or `{cond ? 'a' : 'b'}` between tags.
      report(node, literalText(node.expression));
    } else if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(sf))) {
      const init = node.initializer;
      if (init && ts.isStringLiteral(init)) report(init, init.text);
      else if (init && ts.isJsxExpression(init) && init.expression) {
        report(init, literalText(init.expression));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
