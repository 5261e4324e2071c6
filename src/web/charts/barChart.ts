/**
 * ECharts entry, reached only through a dynamic import so the library loads on pages that draw charts.
 * Only the bar chart parts are registered, which keeps the lazy chunk small.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface ChartHandle {
  resize: () => void;
  dispose: () => void;
}

export function renderBarChart(el: HTMLElement, labels: string[], values: number[]): ChartHandle {
  const chart = init(el);
  chart.setOption({
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, width: 96, overflow: 'break' } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: values, barMaxWidth: 40, itemStyle: { color: '#409eff' } }],
  });
  return { resize: () => { chart.resize(); }, dispose: () => { chart.dispose(); } };
}
