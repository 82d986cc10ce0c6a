/**
 * Routes live in the URL hash so a static host needs no rewrites and a link carries a scene's
 * settings: `#/race?processes=4&sync=none`.
 */
export type Route =
  | { kind: 'home' }
  | { kind: 'scene'; sceneId: string; query: URLSearchParams };

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  if (text === '') return { kind: 'home' };
  const [path = '', search = ''] = text.split('?', 2);
  const sceneId = decodeURIComponent(path.replace(/\/+$/, ''));
  if (sceneId === '') return { kind: 'home' };
  return { kind: 'scene', sceneId, query: new URLSearchParams(search) };
}

export function sceneHash(sceneId: string, query = ''): string {
  return `#/${encodeURIComponent(sceneId)}${query ? `?${query}` : ''}`;
}
