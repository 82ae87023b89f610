import { useEffect, useMemo, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { byPromptVersion, dailyTrend, trendCoverage } from './automation-view.js';
import { listFeedback, type TrendFeedback } from './automation-api.js';

/** Quality over time for one checkpoint, from its feedback, plus the split per prompt version. */
export function TrendCharts({
  flowId,
  nodeId,
  title,
  reloadKey,
}: {
  flowId: string;
  nodeId: string;
  title: string;
  /** Changes with every new decision (see trendReloadKey): the trend is read again. */
  reloadKey: string;
}) {
  const [loaded, setLoaded] = useState<TrendFeedback | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    listFeedback(flowId, nodeId, ctrl.signal)
      .then(setLoaded)
      .catch((e: Error) => e.name !== 'AbortError' && setError(e.message));
    return () => ctrl.abort();
  }, [flowId, nodeId, reloadKey]);
  const feedback = loaded?.items;
  const trend = useMemo(() => dailyTrend(feedback ?? []), [feedback]);
  const versions = useMemo(() => byPromptVersion(feedback ?? []), [feedback]);

  if (error) return <p className="muted small">Trend unavailable: {error}</p>;
  if (!loaded) return <p className="muted small">Loading the trend…</p>;
  if (loaded.items.length === 0) {
    return (
      <p className="muted small">
        No decisions yet. The trend appears once reviewers decide tasks at this checkpoint.
      </p>
    );
  }
  return (
    <div className="trend">
      <p className="small muted" data-testid="trend-coverage">
        {trendCoverage(loaded.items.length, loaded.capped)}
      </p>
      <figure className="trend-chart">
        <figcaption className="small muted">Outcome rates per day (%)</figcaption>
        <ResponsiveContainer width="100%" height={200}>
          <LineChart data={trend} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ef" />
            <XAxis dataKey="day" tick={{ fontSize: 11 }} />
            <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line
              type="monotone"
              dataKey="unedited"
              name="Approved unedited"
              stroke="#15803d"
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="edited"
              name="Edited"
              stroke="#a16207"
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="rejected"
              name="Rejected"
              stroke="#c2261d"
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="flagged"
              name="Flagged"
              stroke="#4f46e5"
              strokeDasharray="4 3"
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure className="trend-chart">
        <figcaption className="small muted">Decisions per day</figcaption>
        <ResponsiveContainer width="100%" height={140}>
          <BarChart data={trend} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ef" />
            <XAxis dataKey="day" tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Bar
              dataKey="decisions"
              name="Decisions"
              fill="#4f46e5"
              maxBarSize={40}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <table className="table small">
        <caption className="sr-only">Evidence per prompt version at {title}</caption>
        <thead>
          <tr>
            <th scope="col">Prompt</th>
            <th scope="col">Decisions</th>
            <th scope="col">Unedited</th>
            <th scope="col">Edited</th>
            <th scope="col">Rejected</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.promptVersion}>
              {/* The id stays on hover, for the designer who looks it up in the editor. */}
              <td title={v.promptVersion === 'unknown' ? undefined : v.promptVersion}>{v.label}</td>
              <td>{v.decisions}</td>
              <td>{v.unedited}</td>
              <td>{v.edited}</td>
              <td>{v.rejected}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
