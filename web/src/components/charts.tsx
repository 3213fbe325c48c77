import { AxisBottom } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleLinear, scaleLog } from '@visx/scale';
import { useEffect, useRef, useState, type ReactNode } from 'react';

/** SVG charts drawn with visx (scales and axes only: ~20 kB gzip, loaded with the analyst page).
 *  Each chart is a picture of a table printed beside it: the table is what a screen reader reads,
 *  so the SVG is one labelled image. A suppressed value is never drawn as 0: its row says so. */

const MARGIN = { left: 16, right: 24, top: 8, bottom: 36 };
const ROW = 44;
const LINE = 16;

/** Each row's label in lines that fit the width (an SVG text does not wrap), and where the row
 *  starts: a long combination of systems takes two or three lines at phone width. */
function layout(labels: string[], inner: number) {
  const perLine = Math.max(16, Math.floor(inner / 7.2));
  let top = 0;
  const rows = labels.map((label) => {
    const lines: string[] = [];
    for (const word of label.split(' ')) {
      const last = lines[lines.length - 1];
      if (last !== undefined && last.length + 1 + word.length <= perLine)
        lines[lines.length - 1] = `${last} ${word}`;
      else lines.push(word);
    }
    const row = { lines, top, shift: (lines.length - 1) * LINE };
    top += ROW + row.shift;
    return row;
  });
  return { rows, height: top };
}

function Label({ lines }: { lines: string[] }) {
  return (
    <text y={14} className="chart-label">
      {lines.map((l, i) => (
        <tspan key={i} x={0} dy={i ? LINE : 0}>
          {l}
        </tspan>
      ))}
    </text>
  );
}

/** Draws at the width it is given (text stays legible at phone width instead of shrinking with
 *  a scaled picture): `children(width)` inside a block that reports its width. */
function Sized({ children }: { children(width: number): ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(280, Math.min(760, Math.floor(el.clientWidth))));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="chart-box">
      {children(width)}
    </div>
  );
}

export interface BarRow {
  key: string;
  label: string;
  value: number | null;
}

export function BarChart({
  rows,
  title,
  suppressedLabel,
  format,
}: {
  rows: BarRow[];
  title: string;
  suppressedLabel: string;
  format(n: number): string;
}) {
  return (
    <Sized>
      {(width) => (
        <Bars rows={rows} title={title} suppressedLabel={suppressedLabel} format={format} width={width} />
      )}
    </Sized>
  );
}

function Bars({
  rows,
  title,
  suppressedLabel,
  format,
  width,
}: {
  rows: BarRow[];
  title: string;
  suppressedLabel: string;
  format(n: number): string;
  width: number;
}) {
  const inner = width - MARGIN.left - MARGIN.right;
  const max = Math.max(1, ...rows.map((r) => r.value ?? 0));
  const x = scaleLinear({ domain: [0, max], range: [0, inner - 40], nice: true });
  const laid = layout(
    rows.map((r) => r.label),
    inner,
  );
  const height = MARGIN.top + laid.height + MARGIN.bottom;
  return (
    <svg
      className="chart"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={title}
    >
      <Group left={MARGIN.left} top={MARGIN.top}>
        {rows.map((r, i) => (
          <g key={r.key} transform={`translate(0, ${laid.rows[i]!.top})`} data-row={r.key}>
            <Label lines={laid.rows[i]!.lines} />
            <g transform={`translate(0, ${laid.rows[i]!.shift})`}>
              {r.value === null ? (
                <>
                  <rect y={20} width={inner} height={16} className="chart-suppressed" />
                  <text x={6} y={32} className="chart-note">
                    {suppressedLabel}
                  </text>
                </>
              ) : (
                <>
                  <rect y={20} width={Math.max(1, x(r.value))} height={16} className="chart-bar" />
                  <text x={x(r.value) + 4} y={32} className="chart-value">
                    {format(r.value)}
                  </text>
                </>
              )}
            </g>
          </g>
        ))}
        <AxisBottom
          top={laid.height}
          scale={x}
          numTicks={width < 480 ? 3 : 5}
          tickFormat={(v) => format(Number(v))}
        />
      </Group>
    </svg>
  );
}

export interface IntervalRow {
  key: string;
  label: string;
  /** null: suppressed (or nothing to show). */
  value: number | null;
  low: number | null;
  high: number | null;
  /** What to write where there is no value. */
  missing?: string;
}

const RATIO_TICKS = [0.01, 0.1, 0.25, 0.5, 1, 2, 4, 10, 25, 100];

/** Estimates with their 95% intervals as error bars ("forest plot"); ratios on a log scale with
 *  the line of parity at 1. */
export function IntervalChart({
  rows,
  title,
  ratio,
  format,
}: {
  rows: IntervalRow[];
  title: string;
  ratio: boolean;
  format(n: number): string;
}) {
  return (
    <Sized>
      {(width) => <Intervals rows={rows} title={title} ratio={ratio} format={format} width={width} />}
    </Sized>
  );
}

function Intervals({
  rows,
  title,
  ratio,
  format,
  width,
}: {
  rows: IntervalRow[];
  title: string;
  ratio: boolean;
  format(n: number): string;
  width: number;
}) {
  const inner = width - MARGIN.left - MARGIN.right;
  const shown = rows.filter((r) => r.value !== null);
  const values = shown.flatMap((r) => [r.value!, r.low ?? r.value!, r.high ?? r.value!]);
  const hi = Math.max(ratio ? 2 : 1, ...values);
  const lo = Math.min(ratio ? 0.5 : 0, ...values.filter((v) => !ratio || v > 0));
  const x = ratio
    ? scaleLog({ domain: [Math.max(lo, 0.01), hi], range: [0, inner], nice: true })
    : scaleLinear({ domain: [0, hi], range: [0, inner], nice: true });
  const laid = layout(
    rows.map((r) => r.label),
    inner,
  );
  const height = MARGIN.top + laid.height + MARGIN.bottom;
  const at = (v: number) => x(ratio ? Math.max(v, 0.01) : v);
  return (
    <svg
      className="chart"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={title}
    >
      <Group left={MARGIN.left} top={MARGIN.top}>
        {ratio && <line x1={x(1)} x2={x(1)} y1={0} y2={laid.height} className="chart-parity" />}
        {rows.map((r, i) => (
          <g key={r.key} transform={`translate(0, ${laid.rows[i]!.top})`} data-row={r.key}>
            <Label lines={laid.rows[i]!.lines} />
            <g transform={`translate(0, ${laid.rows[i]!.shift})`}>
              {r.value === null ? (
                <text x={6} y={32} className="chart-note">
                  {r.missing}
                </text>
              ) : (
                <>
                  {r.low !== null && r.high !== null && (
                    <g className="chart-interval">
                      <line x1={at(r.low)} x2={at(r.high)} y1={28} y2={28} />
                      <line x1={at(r.low)} x2={at(r.low)} y1={22} y2={34} />
                      <line x1={at(r.high)} x2={at(r.high)} y1={22} y2={34} />
                    </g>
                  )}
                  <circle cx={at(r.value)} cy={28} r={5} className="chart-point" />
                  <text x={Math.min(at(r.high ?? r.value) + 6, inner - 40)} y={20} className="chart-value">
                    {format(r.value)}
                  </text>
                </>
              )}
            </g>
          </g>
        ))}
        <AxisBottom
          top={laid.height}
          scale={x}
          numTicks={width < 480 ? 3 : 5}
          tickValues={
            ratio
              ? RATIO_TICKS.filter(
                  (v) =>
                    v >= x.domain()[0]! && v <= x.domain()[1]! && (width >= 480 || ![0.25, 4].includes(v)),
                )
              : undefined
          }
          tickFormat={(v) => format(Number(v))}
        />
      </Group>
    </svg>
  );
}
