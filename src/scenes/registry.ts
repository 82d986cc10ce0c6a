/**
 * The scene registry: one entry per scene. Navigation, the home page's concept map, URL
 * validation and `window.playground` are all generated from this list, so a scene exists in the
 * app exactly when it is listed here. Definitions are light; each scene's UI and runner load lazily.
 */
import { deadlockScene } from './deadlock/definition';
import { gilScene } from './gil/definition';
import { pipeScene } from './pipe/definition';
import { pipelineScene } from './pipeline/definition';
import { poolScene } from './pool/definition';
import { lifecycleScene } from './lifecycle/definition';
import { managerScene } from './manager/definition';
import { queueScene } from './queue/definition';
import { raceScene } from './race/definition';
import type { AnyScene } from './shared/scene-definition';
import { startMethodsScene } from './start-methods/definition';

// In teaching order: the race first (the headline), then pools, message passing, lifecycle, failure, theory.
export const scenes: readonly AnyScene[] = [
  raceScene,
  poolScene,
  queueScene,
  pipelineScene,
  pipeScene,
  managerScene,
  lifecycleScene,
  deadlockScene,
  gilScene,
  startMethodsScene,
];

export function findScene(id: string): AnyScene | undefined {
  return scenes.find((scene) => scene.id === id);
}
