import { useEffect, useRef } from 'react';
import { echarts } from './echarts';

export interface ChartBar {
  label: string;
  /** Percent, or null when there is nothing to divide by (drawn as no bar). */
  value: number | null;
  /** "n / d", shown on the bar's end. */
  detail: string;
}

export interface ChartSeries {
  name: string;
  bars: ChartBar[];
}

interface Props {
  /** The chart's accessible name. */
  label: string;
  series: ChartSeries[];
  /** A bar's row and series: the caller opens the records behind it. */
  onBarClick: (index: number, seriesIndex: number) => void;
}

/** Horizontal bars of percentages, one row per township or type; a click opens that row's records. */
export function CoverageChart({ label, series, onBarClick }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const clickRef = useRef(onBarClick);
  clickRef.current = onBarClick;
  const rows = series[0]?.bars.length ?? 0;

  useEffect(() => {
    const chart = echarts.init(host.current!, undefined, { renderer: 'svg' });
    chart.on('click', (p) => clickRef.current(p.dataIndex, p.seriesIndex ?? 0));
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(host.current!);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, []);

  useEffect(() => {
    const chart = echarts.getInstanceByDom(host.current!);
    if (!chart) return;
    const labels = series[0]?.bars.map((b) => b.label) ?? [];
    chart.setOption(
      {
        animation: false,
        grid: { left: 8, right: 90, top: series.length > 1 ? 28 : 8, bottom: 8, containLabel: true },
        legend: series.length > 1 ? { top: 0, data: series.map((s) => s.name) } : undefined,
        xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 150, overflow: 'truncate' } },
        series: series.map((s) => ({
          name: s.name,
          type: 'bar',
          cursor: 'pointer',
          data: s.bars.map((b) => b.value),
          label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => s.bars[p.dataIndex]?.detail ?? '' },
          emphasis: { disabled: true },
        })),
      },
      { notMerge: true },
    );
  }, [series]);

  return <div ref={host} role="img" aria-label={label} style={{ width: '100%', height: Math.max(160, rows * (series.length > 1 ? 40 : 28) + 48) }} />;
}
