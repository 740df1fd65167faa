/**
 * The organization's labels as every screen sees them: one cached list (`GET /v1/labels`) that
 * resolves the `labelIds` of conversations and contacts to names and colors, and the text color
 * that reads on each label's own color.
 */
import type { Label, LabelList } from '@flc/protocol/resources';
import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Api } from './api.ts';
import { useApi } from './auth.tsx';

/** Under `['labels']`, so whatever invalidates the labels (settings) refreshes every chip. */
export const labelsKey = ['labels'] as const;

export const labelsQuery = (api: Api) =>
  queryOptions({
    queryKey: labelsKey,
    queryFn: async ({ signal }) => (await api.request<LabelList>('/v1/labels', { signal })).items,
    staleTime: 60_000,
  });

export function useLabels() {
  return useQuery(labelsQuery(useApi()));
}

/** The labels by id, for chips. */
export function useLabelMap(): ReadonlyMap<string, Label> {
  const labels = useLabels().data;
  return useMemo(() => new Map((labels ?? []).map((l) => [l.id, l])), [labels]);
}

/** The known labels of `ids`, by name; an id the list does not hold (deleted) is left out. */
export function labelsOf(ids: readonly string[], byId: ReadonlyMap<string, Label>): Label[] {
  return ids
    .map((id) => byId.get(id))
    .filter((l): l is Label => l !== undefined)
    .sort(byName);
}

export const byName = (a: Label, b: Label) =>
  a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

/**
 * Asks for the labels again when `ids` names one the cache does not hold: a teammate created it
 * and put it on a conversation this console hears of live. Answers whether it asked.
 */
export function refreshLabelsFor(client: QueryClient, ids: readonly string[]): boolean {
  const known = client.getQueryData<Label[]>(labelsKey);
  if (!known || ids.every((id) => known.some((l) => l.id === id))) return false;
  void client.invalidateQueries({ queryKey: labelsKey });
  return true;
}

/** The relative luminance of a `#rrggbb` color (WCAG 2.1). */
export function luminance(hex: string): number {
  const value = Number.parseInt(hex.slice(1), 16);
  const channel = (shift: number) => {
    const c = ((value >> shift) & 0xff) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
}

/** The WCAG contrast ratio of two `#rrggbb` colors, from 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Black or white, whichever contrasts more with `background`. For any color the better of the
 * two is at least 4.58:1, so a label's name always meets WCAG AA for normal text.
 */
export function textOn(background: string): '#000000' | '#ffffff' {
  return contrast(background, '#000000') >= contrast(background, '#ffffff') ? '#000000' : '#ffffff';
}

/** The colors the console offers; any other `#rrggbb` can be typed. */
export const labelPalette = [
  '#dc2626',
  '#ea580c',
  '#d97706',
  '#65a30d',
  '#059669',
  '#0891b2',
  '#2563eb',
  '#7c3aed',
  '#c026d3',
  '#db2777',
  '#64748b',
  '#1e293b',
] as const;

export const isHexColor = (text: string) => /^#[0-9a-fA-F]{6}$/.test(text);
