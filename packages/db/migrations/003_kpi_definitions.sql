-- KPI definitions (取数口径): the rules a report is computed under. A figure is only comparable with
-- one computed under the same version, so a version is never changed: a change is a new version.
CREATE TABLE kpi_definitions (
  version integer PRIMARY KEY CHECK (version >= 1),
  definition jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text
);

CREATE FUNCTION kpi_definitions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'KPI definition version % is fixed; create a new version instead', OLD.version;
END
$$;
CREATE TRIGGER kpi_definitions_are_fixed BEFORE UPDATE OR DELETE ON kpi_definitions
  FOR EACH ROW EXECUTE FUNCTION kpi_definitions_refuse_change();

-- Version 1 is KPI_DEFINITION_V1 of packages/kpi (the test suite checks they agree).
INSERT INTO kpi_definitions (version, definition, created_by) VALUES (1, '{
  "slThresholdSeconds": 20,
  "shortAbandonSeconds": 5,
  "shortAbandonsCountAsOffered": false,
  "fcrWindowHours": 24,
  "slFormula": "answered-within / offered",
  "occupancyCountsReserved": true
}', 'migration');
