// The flame graph as an HTML page: the same SVG inlined (its script runs in the page), for
// browsers and tools that handle .html better than a bare .svg. Self-contained, no network.
import { xml } from './flamegraph-svg.js'

export function flamegraphHtml(svg: string, title: string): string {
  const body = svg.replace(/^<\?xml[^>]*\?>\n/, '')
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${xml(title)}</title>\n` +
    `<style>body{margin:0;background:#f8f8f8}svg{display:block;margin:0 auto}</style>\n</head>\n<body>\n${body}</body>\n</html>\n`
}
