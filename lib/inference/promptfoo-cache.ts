/**
 * The cache a provider keeps answers in: the one promptfoo hands a provider
 * it calls (context.getCache, the CLI's own), or, when a provider is called
 * directly (tests, scripts), promptfoo's library's, imported only then (it
 * takes about a second to load). Null when caching is off.
 */
export interface PromptfooCallContext {
  getCache?: () => unknown;
}

export async function promptfooCache<C>(context: PromptfooCallContext | undefined, env: NodeJS.ProcessEnv = process.env): Promise<C | null> {
  if (env.PROMPTFOO_CACHE_ENABLED === 'false') return null;
  if (context?.getCache) return context.getCache() as C;
  const { cache } = await import('promptfoo');
  return cache.isCacheEnabled() ? (cache.getCache() as C) : null;
}
