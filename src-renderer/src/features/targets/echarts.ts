import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what the dashboard draws, bundled (no network). The SVG renderer styles its elements
// through the DOM style object, which the page's CSP permits; animation is off everywhere,
// because animated charts add a <style> element the nonce-only CSP would refuse.
echarts.use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

export { echarts };
