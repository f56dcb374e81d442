-- // tighten risk limits
-- quantagent:lock-timeout off
ALTER TABLE risk_limits ADD CONSTRAINT risk_limits_positive CHECK (max_notional > 0);

-- //@UNDO
ALTER TABLE risk_limits DROP CONSTRAINT risk_limits_positive;
