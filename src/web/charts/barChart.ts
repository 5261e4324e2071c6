/**
 * ECharts entry, reached only through a dynamic import so the library loads on pages that draw charts.
 * Only the bar chart parts are registered, which keeps the lazy chunk small.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartHandle {
  resize: () => void;
  dispose: () => void;
}

/** Grouped (or stacked) bars: one series per name, a legend when there are several. */
export function renderSeriesChart(el: HTMLElement, categories: string[], series: { name: string; data: (number | null)[] }[], stacked: boolean): ChartHandle {
  const chart = init(el);
  chart.setOption({
    tooltip: { trigger: 'axis' },
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: { left: 48, right: 16, top: series.length > 1 ? 32 : 16, bottom: categories.length > 8 ? 72 : 48 },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 8 ? 40 : 0, width: 96, overflow: 'break' } },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, barMaxWidth: 40, ...(stacked ? { stack: 'all' } : {}) })),
  });
  return { resize: () => { chart.resize(); }, dispose: () => { chart.dispose(); } };
}
