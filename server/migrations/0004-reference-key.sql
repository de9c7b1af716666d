-- An appointment's reference key comes from the workstation and server's shared code
-- (`referenceKey`: trimmed, NFC, lower-cased the same everywhere) and is stored in its JSON;
-- PostgreSQL's lower() depends on the cluster's locale and SQLite's folds ASCII only, so the
-- two sides disagreed on "Åke-1" and "åke-1". Rows stored before this get lower(btrim()) once
-- (exact for ASCII; the rule compares the references again before refusing).
UPDATE entities
  SET data = data || jsonb_build_object('referenceKey', lower(btrim(data ->> 'reference')))
  WHERE entity = 'appointment' AND data IS NOT NULL AND NOT data ? 'referenceKey';

ALTER TABLE entities DROP COLUMN reference_key;
ALTER TABLE entities ADD COLUMN reference_key text
  GENERATED ALWAYS AS (CASE WHEN entity = 'appointment' THEN data ->> 'referenceKey' END) STORED;
CREATE INDEX appointments_by_reference ON entities (tenant_id, reference_key) WHERE booked;
