import { describe, expect, it } from 'vitest';
import { fitLaneHeight, laneGeometry, laneTimeScale } from './lane-layout';

describe('fitLaneHeight', () => {
  const rule = { min: 14, max: 30, budget: 320 };

  it('caps a few lanes at the maximum', () => {
    expect(fitLaneHeight(2, rule)).toBe(30);
    expect(fitLaneHeight(0, rule)).toBe(30);
  });

  it('shares the budget between many lanes', () => {
    expect(fitLaneHeight(16, rule)).toBe(20);
  });

  it('keeps lanes readable past the budget', () => {
    expect(fitLaneHeight(64, rule)).toBe(14);
  });
});

describe('laneGeometry', () => {
  it('puts the plot between the label column and the right gap, the axis under the last lane', () => {
    expect(
      laneGeometry({ lanes: 4, width: 640, laneHeight: 26, labelWidth: 96, rightGap: 10, axisHeight: 24 }),
    ).toEqual({
      laneHeight: 26,
      plotLeft: 96,
      plotRight: 630,
      axisTop: 104,
      height: 128,
    });
  });

  it('is only the axis band without lanes', () => {
    const geometry = laneGeometry({
      lanes: 0,
      width: 300,
      laneHeight: 22,
      labelWidth: 76,
      rightGap: 70,
      axisHeight: 22,
    });
    expect(geometry.axisTop).toBe(0);
    expect(geometry.height).toBe(22);
  });
});

describe('laneTimeScale', () => {
  const geometry = laneGeometry({
    lanes: 2,
    width: 600,
    laneHeight: 20,
    labelWidth: 100,
    rightGap: 0,
    axisHeight: 24,
  });

  it('maps the domain onto the plot, right of the labels', () => {
    const x = laneTimeScale(geometry, 1000, 2000);
    expect(x(1000)).toBe(100);
    expect(x(1500)).toBe(350);
    expect(x(2000)).toBe(600);
  });

  it('keeps segments outside the domain on the plot, never over the labels', () => {
    const x = laneTimeScale(geometry, 1000, 2000);
    expect(x(0)).toBe(100);
    expect(x(5000)).toBe(600);
  });

  it('still has a width before anything ran', () => {
    const x = laneTimeScale(geometry, 0, 0);
    expect(x(1)).toBe(600);
  });
});
