import { describe, expect, it } from 'vitest';
import { parseHash, sceneHash } from './route';

describe('hash routes', () => {
  it('reads home from an empty hash', () => {
    expect(parseHash('')).toEqual({ kind: 'home' });
    expect(parseHash('#/')).toEqual({ kind: 'home' });
  });

  it('reads a scene with its parameters', () => {
    const route = parseHash('#/race?processes=4&sync=none');
    expect(route.kind).toBe('scene');
    if (route.kind !== 'scene') return;
    expect(route.sceneId).toBe('race');
    expect(route.query.get('processes')).toBe('4');
    expect(route.query.get('sync')).toBe('none');
  });

  it('round-trips a scene link', () => {
    const route = parseHash(sceneHash('pool', 'poolSizes=1%2C2'));
    expect(route).toMatchObject({ kind: 'scene', sceneId: 'pool' });
    if (route.kind === 'scene') expect(route.query.get('poolSizes')).toBe('1,2');
  });
});
