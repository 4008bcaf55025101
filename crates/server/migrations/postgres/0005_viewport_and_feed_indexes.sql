-- SQLite answers viewport queries from an R*Tree table `parcel_extents`; PostgreSQL's
-- planner already uses the extent index well, so here the same name is a view on
-- `parcels`, and the store's one statement runs unchanged on both backends.
CREATE VIEW parcel_extents AS SELECT id, west, east, south, north FROM parcels;

-- The change feed reads each audience's changes in cursor order from its own index, so a
-- public client behind by a few changes does not wade through thousands of scoped ones.
-- The public index is partial: with statistics, PostgreSQL preferred walking the primary
-- key and filtering (17,000 rows skipped for 50 public ones) over an (audience, seq) index.
CREATE INDEX change_log_public ON change_log (seq) WHERE audience = 'public';
CREATE INDEX change_log_by_enterprise ON change_log (enterprise_id, seq);
CREATE INDEX change_log_by_park ON change_log (park_id, seq);
