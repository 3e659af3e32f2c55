-- tests/report-fixture.sql: a night of known numbers for fohd report
-- (tests/test-report.c, tests/e2e-report-chromium.sh), on a journal whose
-- schema fohd made (version 4). T0 = 1700000000000 (2023-11-14T22:13:20Z),
-- step 10 s, the samples k = 0..11 at T0 + k * 10 s.
--
-- dance: D D D F F F F F E E B B, the peak 6.25 at k = 5 (F 5 rows = 0.8 min,
--   E 2 rows = 0.3 min), count 937 of 600 (156 %); a drill's 3 rows at 7.0.
-- gate door: flow 40, 90 at k = 4..6 (0.5 min over 82); in 10, out 2 a row.
-- amp-main: ok, warning at k = 6, ok at k = 9; counter: major at k = 10.
-- Alerts: 1, 2, 3 warning acked after 20, 45 and 5 s (median 20, p90 45);
--   5 fired warning, escalated to critical, acked after 12.5 s; 4 info never
--   acked; 6 fires at T0 + 200 s; 900 is a drill's, acked after 7 s.
-- Alert 5 was approved by alice; its hook exited 3.
INSERT INTO configs VALUES (1699999940000, '3f2a9c41d0b7e615', 10000, 0);
INSERT INTO configs VALUES (1699999940000, 'd1d1d1d1d1d1d1d1', 10000, 1);
INSERT INTO zone_samples VALUES (1700000000000, 'dance', 300, 2, 'D', 0);
INSERT INTO zone_samples VALUES (1700000000000, 'bar', 60, 1, 'B', 0);
INSERT INTO zone_samples VALUES (1700000000000, 'door', 20, 0.5, 'A', 0);
INSERT INTO gate_samples VALUES (1700000000000, 'door', 10, 2, 40, 'C', 0);
INSERT INTO device_samples VALUES (1700000000000, 'amp-main', 'ok', 0.25, 0);
INSERT INTO model_samples VALUES (1700000000000, 'counter', 0.05, 'stable', 0);
INSERT INTO zone_samples VALUES (1700000010000, 'dance', 300, 2, 'D', 0);
INSERT INTO zone_samples VALUES (1700000010000, 'bar', 60, 1, 'B', 0);
INSERT INTO zone_samples VALUES (1700000010000, 'door', 20, 0.5, 'A', 0);
INSERT INTO gate_samples VALUES (1700000010000, 'door', 10, 2, 40, 'C', 0);
INSERT INTO device_samples VALUES (1700000010000, 'amp-main', 'ok', 0.25, 0);
INSERT INTO model_samples VALUES (1700000010000, 'counter', 0.05, 'stable', 0);
INSERT INTO zone_samples VALUES (1700000020000, 'dance', 300, 2, 'D', 0);
INSERT INTO zone_samples VALUES (1700000020000, 'bar', 60, 1, 'B', 0);
INSERT INTO zone_samples VALUES (1700000020000, 'door', 20, 0.5, 'A', 0);
INSERT INTO gate_samples VALUES (1700000020000, 'door', 10, 2, 40, 'C', 0);
INSERT INTO device_samples VALUES (1700000020000, 'amp-main', 'ok', 0.25, 0);
INSERT INTO model_samples VALUES (1700000020000, 'counter', 0.05, 'stable', 0);
INSERT INTO zone_samples VALUES (1700000030000, 'dance', 825, 5.5, 'F', 0);
INSERT INTO zone_samples VALUES (1700000030000, 'bar', 60, 1, 'B', 0);
INSERT INTO zone_samples VALUES (1700000030000, 'door', 20, 0.5, 'A', 0);
INSERT INTO gate_samples VALUES (1700000030000, 'door', 10, 2, 40, 'C', 0);
INSERT INTO device_samples VALUES (1700000030000, 'amp-main', 'ok', 0.25, 0);
INSERT INTO model_samples VALUES (1700000030000, 'counter', 0.05, 'stable', 0);
INSERT INTO zone_samples VALUES (1700000040000, 'dance', 825, 5.5, 'F', 0);
INSERT INTO zone_samples VALUES (1700000040000, 'bar', 60, 1, 'B', 0);
INSERT INTO zone_samples VALUES (1700000040000, 'door', 20, 0.5, 'A', 0);
INSERT INTO gate_samples VALUES (1700000040000, 'door', 10, 2, 90, 'F', 0);
INSERT INTO device_samples VALUES (1700000040000, 'amp-main', 'ok', 0.25, 0);
INSERT INTO model_samples VALUES (1700000040000, 'counter', 0.05, 'stable', 0);
INSERT INTO zone_samples VALUES (1700000050000, 'dance', 938, 6.25, 'F', 0);
INSERT INTO zone_samples VALUES (1700000050000, 'bar', 60, 1, 'B', 0);
INSERT INTO zone_samples VALUES (1700000050000, 'door', 20, 0.5, 'A', 0);
INSERT INTO gate_samples VALUES (1700000050000, 'door', 10, 2, 90, 'F', 0);
INSERT INTO device_samples VALUES (1700000050000, 'amp-main', 'ok', 0.25, 0);
INSERT INTO model_samples VALUES (1700000050000, 'counter', 0.05, 'stable', 0);
INSERT INTO zone_samples VALUES (1700000060000, 'dance', 825, 5.5, 'F', 0);
INSERT INTO zone_samples VALUES (1700000060000, 'bar', 60, 1, 'B', 0);
INSERT INTO zone_samples VALUES (1700000060000, 'door', 20, 0.5, 'A', 0);
INSERT INTO gate_samples VALUES (1700000060000, 'door', 10, 2, 90, 'F', 0);
INSERT INTO device_samples VALUES (1700000060000, 'amp-main', 'warning', 0.25, 0);
INSERT INTO model_samples VALUES (1700000060000, 'counter', 0.05, 'stable', 0);
INSERT INTO zone_samples VALUES (1700000070000, 'dance', 825, 5.5, 'F', 0);
INSERT INTO zone_samples VALUES (1700000070000, 'bar', 60, 1, 'B', 0);
INSERT INTO zone_samples VALUES (1700000070000, 'door', 20, 0.5, 'A', 0);
INSERT INTO gate_samples VALUES (1700000070000, 'door', 10, 2, 40, 'C', 0);
INSERT INTO device_samples VALUES (1700000070000, 'amp-main', 'warning', 0.25, 0);
INSERT INTO model_samples VALUES (1700000070000, 'counter', 0.05, 'stable', 0);
INSERT INTO zone_samples VALUES (1700000080000, 'dance', 600, 4, 'E', 0);
INSERT INTO zone_samples VALUES (1700000080000, 'bar', 60, 1, 'B', 0);
INSERT INTO zone_samples VALUES (1700000080000, 'door', 20, 0.5, 'A', 0);
INSERT INTO gate_samples VALUES (1700000080000, 'door', 10, 2, 40, 'C', 0);
INSERT INTO device_samples VALUES (1700000080000, 'amp-main', 'warning', 0.25, 0);
INSERT INTO model_samples VALUES (1700000080000, 'counter', 0.05, 'stable', 0);
INSERT INTO zone_samples VALUES (1700000090000, 'dance', 600, 4, 'E', 0);
INSERT INTO zone_samples VALUES (1700000090000, 'bar', 60, 1, 'B', 0);
INSERT INTO zone_samples VALUES (1700000090000, 'door', 20, 0.5, 'A', 0);
INSERT INTO gate_samples VALUES (1700000090000, 'door', 10, 2, 40, 'C', 0);
INSERT INTO device_samples VALUES (1700000090000, 'amp-main', 'ok', 0.25, 0);
INSERT INTO model_samples VALUES (1700000090000, 'counter', 0.05, 'stable', 0);
INSERT INTO zone_samples VALUES (1700000100000, 'dance', 150, 1, 'B', 0);
INSERT INTO zone_samples VALUES (1700000100000, 'bar', 60, 1, 'B', 0);
INSERT INTO zone_samples VALUES (1700000100000, 'door', 20, 0.5, 'A', 0);
INSERT INTO gate_samples VALUES (1700000100000, 'door', 10, 2, 40, 'C', 0);
INSERT INTO device_samples VALUES (1700000100000, 'amp-main', 'ok', 0.25, 0);
INSERT INTO model_samples VALUES (1700000100000, 'counter', 0.3, 'major', 0);
INSERT INTO zone_samples VALUES (1700000110000, 'dance', 150, 1, 'B', 0);
INSERT INTO zone_samples VALUES (1700000110000, 'bar', 60, 1, 'B', 0);
INSERT INTO zone_samples VALUES (1700000110000, 'door', 20, 0.5, 'A', 0);
INSERT INTO gate_samples VALUES (1700000110000, 'door', 10, 2, 40, 'C', 0);
INSERT INTO device_samples VALUES (1700000110000, 'amp-main', 'ok', 0.25, 0);
INSERT INTO model_samples VALUES (1700000110000, 'counter', 0.3, 'major', 0);
INSERT INTO zone_samples VALUES (1700000000000, 'dance', 1050, 7, 'F', 1);
INSERT INTO zone_samples VALUES (1700000010000, 'dance', 1050, 7, 'F', 1);
INSERT INTO zone_samples VALUES (1700000020000, 'dance', 1050, 7, 'F', 1);
INSERT INTO alerts VALUES (1, 'fp1', 'density-warn', 'dance', 'warning', 'resolved', 0, 0, 0, x'', 0);
INSERT INTO alerts VALUES (2, 'fp2', 'density-warn', 'bar', 'warning', 'resolved', 0, 0, 0, x'', 0);
INSERT INTO alerts VALUES (3, 'fp3', 'flow-over-limit', 'door', 'warning', 'shelved', 0, 0, 0, x'', 0);
INSERT INTO alerts VALUES (4, 'fp4', 'drift', 'counter', 'info', 'firing', 0, 0, 0, x'', 0);
INSERT INTO alerts VALUES (5, 'fp5', 'density-crit', 'dance', 'critical', 'acked', 0, 0, 0, x'', 0);
INSERT INTO alerts VALUES (6, 'fp6', 'density-warn', 'door', 'warning', 'firing', 0, 0, 0, x'', 0);
INSERT INTO alerts VALUES (900, 'fp900', 'density-crit', 'dance', 'warning', 'acked', 0, 0, 0, x'', 1);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000000000, 'club', 1, 'fire', '', 'Dance floor busy', 0, 'warning firing', 'fohd', '', '', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000010000, 'club', 2, 'fire', '', 'Bar busy', 0, 'warning firing', 'fohd', '', '', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000020000, 'club', 1, 'ack', 'alice', 'on it, sending a steward', 0, 'done', 'ipc uid 1000', '', 'ipc', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000020000, 'club', 3, 'fire', '', 'Front door over 82 p/m/min', 0, 'warning firing', 'fohd', '', '', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000025000, 'club', 3, 'ack', 'alice', 'door team told', 0, 'done', 'ipc uid 1000', '', 'tcp', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000030000, 'club', 5, 'fire', '', 'Dance floor critical', 0, 'warning firing', 'fohd', '', '', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000030000, 'club', 900, 'fire', '', 'Drill: dance floor crush', 0, 'warning firing', 'fohd', '', '', '', 1);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000037000, 'club', 900, 'ack', 'drillop', 'drill ack', 0, 'done', 'ipc uid 1000', '', '', '', 1);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000040000, 'club', 5, 'timer', '', 'Dance floor critical', 0, 'critical firing', 'fohd', '', '', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000042500, 'club', 5, 'ack', 'bob', '<script>alert(1)</script> & "x"', 0, 'done', 'ipc uid 1000', '', 'ipc', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000045000, 'club', 2, 'ack', 'mallory', 'not mine', 0, 'forbidden', 'ipc uid 1000', '', 'tcp', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000050000, 'club', 4, 'fire', '', 'Door counter drift', 0, 'info firing', 'fohd', '', '', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000055000, 'club', 2, 'ack', 'bob', 'bar staff', 0, 'done', 'ipc uid 1000', '', 'ipc', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000060000, 'club', 3, 'shelve', 'bob', 'known: the door counts double', 0, 'done', 'ipc uid 1000', '', 'ipc', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000070000, 'club', 5, 'approve', 'alice', 'open the side exit', 0, 'done', 'ipc uid 1000', 'SHA256:abc', 'ipc', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000071500, 'club', 5, 'hook', '', '/usr/local/libexec/foh/open-exit', 0, 'exit 3', 'fohd for alice', '', '', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000100000, 'club', 1, 'resolve', '', 'Dance floor busy', 0, 'warning resolved', 'fohd', '', '', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000160000, 'club', 2, 'resolve', '', 'Bar busy', 0, 'warning resolved', 'fohd', '', '', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000200000, 'club', 6, 'fire', '', 'Door queue busy', 0, 'warning firing', 'fohd', '', '', '', 0);
-- After the e2e tests' range (T0 + 500 s): a comment whose bytes are not
-- UTF-8 (the wire does not check), for the writers to make well-formed.
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700000500000, 'club', 4, 'comment', 'carol', CAST(X'626164ff2062797465c3' AS TEXT), 0, 'done', 'ipc uid 1000', '', 'ipc', '', 0);
-- Two hours on (T2 = T0 + 7200 s = 1700007200000, 2023-11-15T00:13:20Z),
-- outside every range above: a reload and a flapping alert.
-- A reload from a 60 s step to 10 s at T2 + 150 s (configs rows at
-- T2 - 60 s and T2 + 150 s). dance: F at T2, +60, +120 (60 s steps),
-- F at +150, +160, E at +170, +180 (10 s steps). A row lasts until the
-- reload or its zone's next row at most: the row at +120 lasts 30 s, not
-- 60. F = 60 + 60 + 30 + 10 + 10 = 170 s (2.8 min), E = 20 s (0.3 min):
-- 190 s, the wall time from T2 to the last row's end; counting whole steps
-- gave F 200 s (3.3 min). gate door over 82 at +120 (30 s) and +150 (10 s):
-- 40 s over.
-- Alert 7 flaps: fire at +10 s, flapping +20 s, acked by carol +30 s,
-- settles firing at +50 s (not resolved), flaps again +60 s, settles off
-- ("settle", "warning resolved") at +100 s: resolved after 90 s. At +70 s
-- an operator whose name and comment are spreadsheet formulas comments.
INSERT INTO configs VALUES (1700007140000, '5e5e5e5e5e5e5e5e', 60000, 0);
INSERT INTO configs VALUES (1700007350000, '6f6f6f6f6f6f6f6f', 10000, 0);
INSERT INTO zone_samples VALUES (1700007200000, 'dance', 825, 5.5, 'F', 0);
INSERT INTO zone_samples VALUES (1700007260000, 'dance', 825, 5.5, 'F', 0);
INSERT INTO zone_samples VALUES (1700007320000, 'dance', 900, 6, 'F', 0);
INSERT INTO zone_samples VALUES (1700007350000, 'dance', 825, 5.5, 'F', 0);
INSERT INTO zone_samples VALUES (1700007360000, 'dance', 825, 5.5, 'F', 0);
INSERT INTO zone_samples VALUES (1700007370000, 'dance', 600, 4, 'E', 0);
INSERT INTO zone_samples VALUES (1700007380000, 'dance', 600, 4, 'E', 0);
INSERT INTO gate_samples VALUES (1700007260000, 'door', 10, 2, 40, 'C', 0);
INSERT INTO gate_samples VALUES (1700007320000, 'door', 10, 2, 90, 'F', 0);
INSERT INTO gate_samples VALUES (1700007350000, 'door', 10, 2, 90, 'F', 0);
INSERT INTO gate_samples VALUES (1700007360000, 'door', 10, 2, 40, 'C', 0);
INSERT INTO alerts VALUES (7, 'fp7', 'density-warn', 'dance', 'warning', 'resolved', 0, 0, 0, x'', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700007210000, 'club', 7, 'fire', '', 'Dance floor busy', 0, 'warning firing', 'fohd', '', '', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700007220000, 'club', 7, 'flapping', '', 'Dance floor busy (flapping)', 0, 'warning flapping', 'fohd', '', '', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700007230000, 'club', 7, 'ack', 'carol', 'watching it', 0, 'done', 'ipc uid 1000', '', 'ipc', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700007250000, 'club', 7, 'settle', '', 'Dance floor busy', 0, 'warning firing', 'fohd', '', '', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700007260000, 'club', 7, 'flapping', '', 'Dance floor busy (flapping)', 0, 'warning flapping', 'fohd', '', '', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700007270000, 'club', 7, 'comment', '=cmd|'' /C calc''!A0', '=HYPERLINK("http://evil.example/x","click")', 0, 'done', 'ipc uid 1000', '', 'ipc', '', 0);
INSERT INTO audit (t_ms, venue, alert, op, operator, note, request, result, peer, key, transport, reason, drill) VALUES (1700007300000, 'club', 7, 'settle', '', 'Dance floor busy', 0, 'warning resolved', 'fohd', '', '', '', 0);
