-- Where a service request is about (NewRequest.location and .address): a WGS-84 point,
-- both coordinates or neither, and an address in words.
ALTER TABLE service_requests ADD COLUMN lat REAL CHECK (lat BETWEEN -90 AND 90);
-- SQLite adds no table constraint to an existing table: lon's own check holds the pair.
ALTER TABLE service_requests ADD COLUMN lon REAL CHECK (lon BETWEEN -180 AND 180 AND (lat IS NULL) = (lon IS NULL));
ALTER TABLE service_requests ADD COLUMN address TEXT;

-- A step no account took, such as the platform's 督办重办 after a reopening rating, names
-- its actor here; events of an account leave it empty and show the account's name.
ALTER TABLE request_events ADD COLUMN actor TEXT;
