/** A small Prometheus text registry: counters and one latency histogram, labels as given. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

const labelText = (labels: Record<string, string>) =>
  `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`)
    .join(',')}}`;

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, { buckets: number[]; sum: number; count: number }>();

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = labelText({ method, route, status: String(status) });
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const hKey = labelText({ method, route });
    let h = this.durations.get(hKey);
    if (!h) {
      h = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(hKey, h);
    }
    for (let i = 0; i < BUCKETS.length; i++)
      if (seconds <= (BUCKETS[i] ?? 0)) h.buckets[i] = (h.buckets[i] ?? 0) + 1;
    h.sum += seconds;
    h.count += 1;
  }

  render(): string {
    const mem = process.memoryUsage();
    const lines = [
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${mem.rss}`,
      '# HELP process_uptime_seconds Seconds since the process started.',
      '# TYPE process_uptime_seconds gauge',
      `process_uptime_seconds ${process.uptime().toFixed(3)}`,
      '# HELP flc_http_requests_total HTTP requests answered.',
      '# TYPE flc_http_requests_total counter',
    ];
    for (const [labels, n] of this.requests) lines.push(`flc_http_requests_total${labels} ${n}`);
    lines.push(
      '# HELP flc_http_request_duration_seconds Time to answer an HTTP request.',
      '# TYPE flc_http_request_duration_seconds histogram',
    );
    for (const [labels, h] of this.durations) {
      const inner = labels.slice(1, -1);
      BUCKETS.forEach((le, i) => {
        lines.push(`flc_http_request_duration_seconds_bucket{${inner},le="${le}"} ${h.buckets[i]}`);
      });
      lines.push(`flc_http_request_duration_seconds_bucket{${inner},le="+Inf"} ${h.count}`);
      lines.push(`flc_http_request_duration_seconds_sum${labels} ${h.sum}`);
      lines.push(`flc_http_request_duration_seconds_count${labels} ${h.count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
