-- Settling an ended generation's usage (src/lib/db/usage-queries.ts), as a function: PL/pgSQL
-- plans the statement once per connection and reuses the plan, where the same statement sent
-- as SQL was parsed and planned on every call (which cost more than running it). Prices come as
-- jsonb, [{"model_key", "per_second", "per_output"}, …]. Answers whether anything was settled.
-- The day row is locked before the model and owner rows (they read its RETURNING), the order
-- creates take them in, so the two never deadlock.
CREATE OR REPLACE FUNCTION "settle_generation_usage"(p_id text, p_prices jsonb) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  settled integer;
BEGIN
  WITH held AS (
    -- The reservation as it was: RETURNING below answers the row after the update (null).
    SELECT g.id, g.usage_reserved_usd AS reserved FROM generations g
    WHERE g.id = p_id AND g.usage_reserved_usd IS NOT NULL AND g.status IN ('succeeded', 'failed', 'canceled')
    FOR UPDATE
  ), ended AS (
    UPDATE generations g SET usage_reserved_usd = NULL
    FROM held WHERE g.id = held.id
    RETURNING g.id, (g.created_at AT TIME ZONE 'utc')::date AS day, g.model_key, g.owner_id, g.status, g.started_at,
      held.reserved, coalesce(g.predict_time, 0)::float8 AS seconds
  ), cost AS (
    SELECT ended.*, outs.n AS outputs,
      ended.seconds * coalesce(price.per_second, 0) + outs.n * coalesce(price.per_output, 0) AS usd
    FROM ended
    CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM generation_outputs o WHERE o.generation_id = ended.id) outs
    LEFT JOIN jsonb_to_recordset(p_prices) AS price(model_key text, per_second float8, per_output float8)
      ON price.model_key = ended.model_key
  ), day_row AS (
    UPDATE usage_days u SET reserved_usd = greatest(u.reserved_usd - cost.reserved, 0), spent_usd = u.spent_usd + cost.usd
    FROM cost WHERE u.day = cost.day RETURNING u.day
  ), model_row AS (
    UPDATE usage_model_days m SET predict_seconds = m.predict_seconds + cost.seconds,
      outputs = m.outputs + cost.outputs, cost_usd = m.cost_usd + cost.usd
    FROM cost, day_row WHERE m.day = cost.day AND m.model_key = cost.model_key RETURNING m.day
  ), owner_row AS (
    UPDATE usage_owner_days o SET generations = greatest(o.generations - 1, 0)
    FROM cost, day_row WHERE o.day = cost.day AND o.owner_id = cost.owner_id
      AND (cost.status = 'failed' OR (cost.status = 'canceled' AND cost.started_at IS NULL))
    RETURNING o.day
  )
  SELECT count(*) INTO settled FROM cost;
  RETURN settled > 0;
END;
$$;
