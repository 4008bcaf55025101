-- Viewport queries select parcels whose bounding box overlaps the map's.
CREATE INDEX parcels_by_extent ON parcels (west, east, south, north);
