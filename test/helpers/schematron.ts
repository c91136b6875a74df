import fs from 'node:fs';
import path from 'node:path';
import { create } from 'xmlbuilder2';

/**
 * A small ISO Schematron (queryBinding xslt2) to XSLT 2.0 compiler, enough for the KoSIT
 * XRechnung rules: ns, include, let (schema, pattern and rule level), pattern, rule, assert,
 * report, name, value-of, and xsl:function copied through. Every pattern gets its own mode; in a
 * pattern the first rule whose context matches a node fires (rules are templates with
 * descending priority), as ISO Schematron says. Output is SVRL that runSchematron counts.
 * No npm package does this for XPath 2 without a JVM-free XSLT 3 engine, and Saxon-HE is here.
 */
const SCH = 'http://purl.oclc.org/dsdl/schematron';
const XSL = 'http://www.w3.org/1999/XSL/Transform';

type El = {
  nodeType: number;
  localName: string;
  namespaceURI: string | null;
  childNodes: ArrayLike<El>;
  getAttribute(n: string): string | null;
  textContent: string | null;
  nodeValue: string | null;
};

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function children(e: El): El[] {
  return Array.from(e.childNodes).filter((c) => c.nodeType === 1);
}

function serialize(e: El): string {
  if (e.nodeType === 3) return esc(e.nodeValue ?? '');
  if (e.nodeType !== 1) return '';
  const prefix = e.namespaceURI === XSL ? 'xsl:' : '';
  const attrs = (e as unknown as { attributes: ArrayLike<{ name: string; value: string }> }).attributes;
  const a = Array.from(attrs)
    .filter((x) => !x.name.startsWith('xmlns'))
    .map((x) => ` ${x.name}="${esc(x.value)}"`)
    .join('');
  return `<${prefix}${e.localName}${a}>${Array.from(e.childNodes).map(serialize).join('')}</${prefix}${e.localName}>`;
}

/** Assert text with <name/> and <value-of select=""/> turned into XSLT. */
function message(e: El): string {
  return Array.from(e.childNodes)
    .map((c) => {
      if (c.nodeType === 3) return esc(c.nodeValue ?? '');
      if (c.nodeType === 1 && c.localName === 'name') return '<xsl:value-of select="name(.)"/>';
      if (c.nodeType === 1 && c.localName === 'value-of')
        return `<xsl:value-of select="${esc(c.getAttribute('select') ?? '')}"/>`;
      return '';
    })
    .join('');
}

export function compileSchematron(file: string): string {
  const root = create(fs.readFileSync(file, 'utf8')).root().node as unknown as El;
  const namespaces: string[] = [];
  const globals: string[] = [];
  const functions: string[] = [];
  const patterns: El[] = [];
  const walk = (schema: El, base: string) => {
    for (const c of children(schema)) {
      if (c.namespaceURI === XSL && c.localName === 'function') functions.push(serialize(c));
      else if (c.localName === 'ns' && c.getAttribute('prefix') !== 'xs')
        namespaces.push(`xmlns:${c.getAttribute('prefix')}="${esc(c.getAttribute('uri') ?? '')}"`);
      else if (c.localName === 'let') globals.push(letVar(c));
      else if (c.localName === 'pattern') patterns.push(c);
      else if (c.localName === 'include') {
        const href = path.resolve(base, c.getAttribute('href')!);
        const inc = create(fs.readFileSync(href, 'utf8')).root().node as unknown as El;
        if (inc.localName === 'pattern') patterns.push(inc);
        else walk(inc, path.dirname(href));
      }
    }
  };
  walk(root, path.dirname(file));
  const rootNs = (root as unknown as { attributes: ArrayLike<{ name: string; value: string }> }).attributes;
  for (const a of Array.from(rootNs))
    if (
      a.name.startsWith('xmlns:') &&
      !['xmlns:xsl', 'xmlns:xs', 'xmlns:svrl'].includes(a.name) &&
      !namespaces.some((n) => n.startsWith(`${a.name}=`))
    )
      namespaces.push(`${a.name}="${esc(a.value)}"`);

  const body: string[] = [];
  const starts: string[] = [];
  patterns.forEach((p, pi) => {
    const mode = `M${pi}`;
    starts.push(`<xsl:apply-templates select="/" mode="${mode}"/>`);
    const rules = children(p).filter((c) => c.localName === 'rule');
    for (const l of children(p).filter((c) => c.localName === 'let')) globals.push(letVar(l));
    rules.forEach((r, ri) => {
      const lets = children(r)
        .filter((c) => c.localName === 'let')
        .map(letVar)
        .join('');
      const checks = children(r)
        .filter((c) => c.localName === 'assert' || c.localName === 'report')
        .map((c) => {
          const test = esc(c.getAttribute('test') ?? 'true()');
          const report = c.localName === 'report';
          const tag = report ? 'svrl:successful-report' : 'svrl:failed-assert';
          const attrs = ['id', 'flag']
            .filter((n) => c.getAttribute(n) !== null)
            .map((n) => ` ${n}="${esc(c.getAttribute(n)!)}"`)
            .join('');
          return `<xsl:if test="${report ? test : `not(${test})`}"><${tag}${attrs} location="{path()}"><svrl:text>${message(c)}</svrl:text></${tag}></xsl:if>`;
        })
        .join('');
      body.push(
        `<xsl:template match="${esc(r.getAttribute('context')!)}" mode="${mode}" priority="${1000 - ri}">${lets}${checks}<xsl:apply-templates select="*" mode="${mode}"/></xsl:template>`,
      );
    });
    body.push(`<xsl:template match="text()" mode="${mode}" priority="-1"/>`);
    body.push(
      `<xsl:template match="node()|/" mode="${mode}" priority="-2"><xsl:apply-templates select="*" mode="${mode}"/></xsl:template>`,
    );
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="2.0" xmlns:xsl="${XSL}" xmlns:svrl="http://purl.oclc.org/dsdl/svrl" xmlns:xs="http://www.w3.org/2001/XMLSchema" ${namespaces.join(' ')} exclude-result-prefixes="#all">
${functions.join('\n')}
${globals.join('\n')}
<xsl:template match="/"><svrl:schematron-output>${starts.join('')}</svrl:schematron-output></xsl:template>
${body.join('\n')}
</xsl:stylesheet>`;
}

function letVar(l: El): string {
  return `<xsl:variable name="${esc(l.getAttribute('name')!)}" select="${esc(l.getAttribute('value')!)}"/>`;
}

void SCH;
