/**
 * ECharts for the statistics screen (bar, line, pie), reached only through a dynamic import like
 * barChart.ts. The handle can hand back the drawn chart as a PNG data URL for the 导出图片 button.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface StatsChartHandle {
  update: (option: EChartsCoreOption) => void;
  resize: () => void;
  dispose: () => void;
  /** The chart as PNG on a white background at twice the screen resolution. */
  pngDataUrl: () => string;
}

export function renderStatsChart(el: HTMLElement, option: EChartsCoreOption): StatsChartHandle {
  const chart = init(el);
  chart.setOption(option);
  return {
    update: (next) => { chart.setOption(next, { notMerge: true }); },
    resize: () => { chart.resize(); },
    dispose: () => { chart.dispose(); },
    pngDataUrl: () => chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }),
  };
}
