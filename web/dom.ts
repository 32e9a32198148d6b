/**
 * Turns the report layout (src/render/html.ts) into DOM nodes. Text goes in as text nodes and
 * attributes through setAttribute from the layout's closed set: no string is ever parsed as HTML.
 */
import type { HtmlNode } from '../src/render/html.js';

export function toDom(node: HtmlNode, doc: Document = document): Node {
  if (typeof node === 'string') return doc.createTextNode(node);
  const el = doc.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) {
    if (value !== undefined) el.setAttribute(name, value);
  }
  for (const child of node.children) el.append(toDom(child, doc));
  return el;
}
