/**
 * Renders a Vega-Lite spec to an SVG string in Node, at build time: vega's
 * headless view with no renderer and no canvas (text widths are estimated),
 * so the HTML report needs no browser, no script and no network to show its
 * charts. The packages are loaded on first use: most commands never draw.
 */
import type { TopLevelSpec } from 'vega-lite';

let counter = 0;

/**
 * vega names clip paths and gradients with ids that restart in every view;
 * inline SVGs share one document, so each chart's ids get a prefix of its own.
 */
function prefixIds(svg: string, prefix: string): string {
  return svg.replace(/\bid="([^"]+)"/g, `id="${prefix}$1"`).replace(/url\(#([^)]+)\)/g, `url(#${prefix}$1)`).replace(/href="#([^"]+)"/g, `href="#${prefix}$1"`);
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(spec).spec;
  // No loader can reach anything: every chart's data is inline.
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: vega.loader({ mode: 'file', baseURL: '/nonexistent/' }) });
  try {
    const svg = await view.toSVG();
    return prefixIds(svg, `c${++counter}-`);
  } finally {
    view.finalize();
  }
}
