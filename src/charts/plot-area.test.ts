import { describe, expect, it } from 'vitest';
import { plotArea } from './plot-area';

describe('plotArea', () => {
  it('takes the margins off the viewBox and centres the axis titles on the plot, not the viewBox', () => {
    expect(plotArea(640, 220, { top: 20, right: 16, bottom: 48, left: 44 })).toEqual({
      width: 640,
      height: 220,
      left: 44,
      right: 624,
      top: 20,
      bottom: 172,
      centerX: 334,
      centerY: 96,
    });
  });
});
