// An object's <TEMPLATE> as OpenNebula template text, as GET /:resource/:id/template answers it
// (reference §3.5; OCA XMLElement#template_like_str): in document order, each child with child
// elements as `NAME=[` newline, `  SUB="v"` for the sub-elements that carry text joined by
// ",\n", then ` ]`; each child with text as `NAME="v"`; children without text skipped; lines joined
// by "\n". Values are the first text (or CDATA) node of the element, `"` escaped as `\"`.
import { SaxesParser } from 'saxes';
import { OneXmlParseError } from './errors.js';

interface Node {
  readonly name: string;
  /** The first text or CDATA child, as REXML's Element#text. */
  text: string | undefined;
  readonly children: Node[];
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** The children of `<root><TEMPLATE>` (the document root's TEMPLATE child), or [] without one. */
function templateChildren(xml: string, what: string): Node[] {
  const parser = new SaxesParser();
  const stack: Node[] = [];
  let template: Node | undefined;
  parser.on('opentag', (tag) => {
    const node: Node = { name: localName(tag.name), text: undefined, children: [] };
    const parent = stack[stack.length - 1];
    // Only TEMPLATE directly under the document root, and only three levels below it matter.
    if (stack.length === 1 && node.name === 'TEMPLATE' && template === undefined) template = node;
    if (parent !== undefined && stack.length <= 3) parent.children.push(node);
    stack.push(node);
  });
  const onText = (text: string): void => {
    const top = stack[stack.length - 1];
    if (top !== undefined && top.text === undefined) top.text = text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    stack.pop();
  });
  try {
    parser.write(xml).close();
  } catch (err) {
    throw new OneXmlParseError(what, (err as Error).message, err);
  }
  return template?.children ?? [];
}

function value(text: string): string {
  return `"${text.replace(/"/g, '\\"')}"`;
}

/** The TEMPLATE of an oned document (`<VM>...<TEMPLATE>...</TEMPLATE></VM>`) as template text. */
export function renderTemplate(xml: string, what = 'the object'): string {
  const lines: string[] = [];
  for (const n of templateChildren(xml, what)) {
    if (n.children.length > 0) {
      const subs = n.children
        .filter((c) => c.text !== undefined)
        .map((c) => `  ${c.name}=${value(c.text ?? '')}`);
      lines.push(`${n.name}=[\n${subs.join(',\n')} ]`);
    } else if (n.text !== undefined) {
      lines.push(`${n.name}=${value(n.text)}`);
    }
  }
  return lines.join('\n');
}
