-- Viewport queries through an R*Tree: a B-tree on (west, east, south, north) narrows only
-- on west, and at ~50,000 parcels the planner scanned the whole table instead. The tree
-- holds 32-bit floats rounded outwards, so it may return a few extra candidates; the
-- query keeps its exact test on `parcels` as well. Triggers keep it in step with every
-- write, the demo loader and the importer included.
CREATE VIRTUAL TABLE parcel_extents USING rtree(id, west, east, south, north);

INSERT INTO parcel_extents (id, west, east, south, north) SELECT id, west, east, south, north FROM parcels;

CREATE TRIGGER parcel_extents_insert AFTER INSERT ON parcels BEGIN
    INSERT INTO parcel_extents (id, west, east, south, north) VALUES (NEW.id, NEW.west, NEW.east, NEW.south, NEW.north);
END;

CREATE TRIGGER parcel_extents_update AFTER UPDATE OF west, east, south, north ON parcels BEGIN
    UPDATE parcel_extents SET west = NEW.west, east = NEW.east, south = NEW.south, north = NEW.north WHERE id = NEW.id;
END;

CREATE TRIGGER parcel_extents_delete AFTER DELETE ON parcels BEGIN
    DELETE FROM parcel_extents WHERE id = OLD.id;
END;

-- The change feed reads each audience's changes in cursor order from its own index, so a
-- public client behind by a few changes does not wade through thousands of scoped ones.
-- The public index is partial: with statistics, PostgreSQL preferred walking the primary
-- key and filtering (17,000 rows skipped for 50 public ones) over an (audience, seq) index.
CREATE INDEX change_log_public ON change_log (seq) WHERE audience = 'public';
CREATE INDEX change_log_by_enterprise ON change_log (enterprise_id, seq);
CREATE INDEX change_log_by_park ON change_log (park_id, seq);
