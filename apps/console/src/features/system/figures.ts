/** A process figure as the System page shows it: memory in MiB, CPU in %, rates as they are. */
export function figureText(name: string, value: number): string {
  if (name.endsWith('Bytes')) return `${(value / 1_048_576).toFixed(0)} MiB`;
  if (name === 'cpuPercent') return `${value.toFixed(0)}%`;
  return Number.isInteger(value) ? value.toLocaleString('en') : value.toFixed(1);
}
