-- A steady writer for the follow benchmarks (docs/benchmarks.md): appends 10 events per
-- transaction every `pause` to a table postgres-bench-data.sql made, each row's time taken at
-- insert (clock_timestamp(); the commit follows within the millisecond), so a follower's latency
-- is the moment it shows an event minus that event's time.
-- Usage: psql DATABASE -X -q -v store=messagedb|marten -v batches=1000 -v pause='10 ms' -v run=NAME -f postgres-follow-writer.sql
-- (1,000 events/s: batches = 100 × seconds, pause 10 ms). Streams are `latencyNAME-0` … `-9`.
\set ON_ERROR_STOP 1
-- A procedure, so that each batch commits: run from a file, not `-c` (one transaction).
CREATE PROCEDURE pg_temp.evx_bench_write(store text, batches int, pause interval, run text) LANGUAGE plpgsql AS $$
DECLARE
  started timestamptz := clock_timestamp();
  base bigint := 0;
BEGIN
  IF store = 'marten' THEN
    SELECT max(seq_id) INTO base FROM marten.mt_events;
  END IF;
  FOR b IN 1..batches LOOP
    IF store = 'marten' THEN
      INSERT INTO marten.mt_events (seq_id, id, stream_id, version, data, type, timestamp)
        SELECT base + (b - 1) * 10 + k + 1, gen_random_uuid(), 'latency' || run || '-' || k, b, '{}', 'measured', clock_timestamp()
        FROM generate_series(0, 9) k;
    ELSE
      INSERT INTO message_store.messages (position, id, time, stream_name, type, data)
        SELECT b, gen_random_uuid(), clock_timestamp() AT TIME ZONE 'utc', 'latency' || run || '-' || k, 'Measured', '{}'
        FROM generate_series(0, 9) k;
    END IF;
    COMMIT;
    PERFORM pg_sleep(greatest(0, extract(epoch FROM started + b * pause - clock_timestamp())));
  END LOOP;
END $$;
CALL pg_temp.evx_bench_write(:'store', :batches, :'pause', :'run');
