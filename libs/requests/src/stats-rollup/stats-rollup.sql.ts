import type { SqlParams } from '@mla/core';
import { type CellChange, cellChangesOfAll, type MonthChange, monthChangesOf, type RolledChange } from './stats-cells';

/**
 * The statement that applies an action's changes to `request_stats_cells`, in the action's
 * own statement (one transaction): an upsert of the changed cells, in key order (every transaction locks them in the same order). A new
 * cell takes the change as it is (it only adds); an existing one adds the counters
 * (stats_add_ints) and merges the durations into its sorted arrays (stats_merge_sorted).
 * None when nothing changes (a note, a reassignment).
 */
export function statsRollupStatements(list: RolledChange[], p: SqlParams): string[] {
  const changes = cellChangesOfAll(list);
  if (changes.length === 0) return [];
  const months = monthChangesOf(changes);
  return [upsertCells(changes, p), ...(months.length > 0 ? [upsertMonths(months, p)] : [])];
}

/** The month histograms: a new month takes the change (it only adds), an existing one adds it bin by bin. */
function upsertMonths(changes: MonthChange[], p: SqlParams): string {
  const rows = p.add(JSON.stringify(changes.map((m) => ({ ...m, ackBins: m.ack[0], ackCounts: m.ack[1], execBins: m.exec[0], execCounts: m.exec[1], answerBins: m.answer[0], answerCounts: m.answer[1] }))));
  return `INSERT INTO request_stats_months AS m (country, direction, dim, month, value, ack_h, exec_h, answer_h)
    SELECT x.country, x.direction, x.dim, x.month, x.value,
      stats_hist_add(NULL, x."ackBins", x."ackCounts"), stats_hist_add(NULL, x."execBins", x."execCounts"), stats_hist_add(NULL, x."answerBins", x."answerCounts")
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(country char(2), direction varchar, dim varchar, month date, value varchar,
      "ackBins" int[], "ackCounts" int[], "execBins" int[], "execCounts" int[], "answerBins" int[], "answerCounts" int[])
    ORDER BY x.country, x.direction, x.dim, x.month, x.value
    ON CONFLICT (country, direction, dim, month, value) DO UPDATE SET
      ack_h = CASE WHEN 0 = ALL (EXCLUDED.ack_h) THEN m.ack_h ELSE stats_add_ints(m.ack_h, EXCLUDED.ack_h) END,
      exec_h = CASE WHEN 0 = ALL (EXCLUDED.exec_h) THEN m.exec_h ELSE stats_add_ints(m.exec_h, EXCLUDED.exec_h) END,
      answer_h = CASE WHEN 0 = ALL (EXCLUDED.answer_h) THEN m.answer_h ELSE stats_add_ints(m.answer_h, EXCLUDED.answer_h) END`;
}

function upsertCells(changes: CellChange[], p: SqlParams): string {
  const rows = p.add(JSON.stringify(changes));
  return `INSERT INTO request_stats_cells AS c (country, direction, dim, day, value, requests, states, sent, sent_states, executed, answered, chases, outcomes, ack_s, exec_s, answer_s, open_since)
    SELECT x.country, x.direction, x.dim, x.day, x.value, x."requests", x."states", x."sent", x."sentStates", x."executed", x."answered", x."chases", x."outcomes", x."ackS", x."execS", x."answerS", x."openSince"
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(country char(2), direction varchar, dim varchar, day date, value varchar,
      "requests" int, "states" int[], "sent" int, "sentStates" int[], "executed" int, "answered" int, "chases" int, "outcomes" int[],
      "ackS" int[], "execS" int[], "answerS" int[], "openSince" int[])
    ORDER BY x.country, x.direction, x.dim, x.day, x.value
    ON CONFLICT (country, direction, dim, day, value) DO UPDATE SET
      requests = c.requests + EXCLUDED.requests,
      states = CASE WHEN 0 = ALL (EXCLUDED.states) THEN c.states ELSE stats_add_ints(c.states, EXCLUDED.states) END,
      sent = c.sent + EXCLUDED.sent,
      sent_states = CASE WHEN 0 = ALL (EXCLUDED.sent_states) THEN c.sent_states ELSE stats_add_ints(c.sent_states, EXCLUDED.sent_states) END,
      executed = c.executed + EXCLUDED.executed,
      answered = c.answered + EXCLUDED.answered,
      chases = c.chases + EXCLUDED.chases,
      outcomes = CASE WHEN 0 = ALL (EXCLUDED.outcomes) THEN c.outcomes ELSE stats_add_ints(c.outcomes, EXCLUDED.outcomes) END,
      ack_s = CASE WHEN cardinality(EXCLUDED.ack_s) = 0 THEN c.ack_s ELSE stats_merge_sorted(c.ack_s, EXCLUDED.ack_s) END,
      exec_s = CASE WHEN cardinality(EXCLUDED.exec_s) = 0 THEN c.exec_s ELSE stats_merge_sorted(c.exec_s, EXCLUDED.exec_s) END,
      answer_s = CASE WHEN cardinality(EXCLUDED.answer_s) = 0 THEN c.answer_s ELSE stats_merge_sorted(c.answer_s, EXCLUDED.answer_s) END,
      open_since = CASE WHEN cardinality(EXCLUDED.open_since) = 0 THEN c.open_since ELSE stats_merge_sorted(c.open_since, EXCLUDED.open_since) END`;
}
