-- Parks and their land parcels. Geometries are GeoJSON text validated by
-- parkatlas-core before insert; the bounding box columns serve viewport queries.

CREATE TABLE dataset_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE parks (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    name_en   TEXT NOT NULL,
    park_type TEXT NOT NULL CHECK (park_type IN ('modern', 'specialty', 'urban')),
    district  TEXT NOT NULL,
    boundary  TEXT NOT NULL,
    area_m2   REAL NOT NULL CHECK (area_m2 > 0),
    west      REAL NOT NULL,
    south     REAL NOT NULL,
    east      REAL NOT NULL,
    north     REAL NOT NULL
);

CREATE TABLE parcels (
    id       INTEGER PRIMARY KEY,
    park_id  INTEGER NOT NULL REFERENCES parks (id) ON DELETE CASCADE,
    code     TEXT NOT NULL UNIQUE,
    land_use TEXT NOT NULL CHECK (land_use IN ('industrial', 'innovative_industrial', 'warehousing', 'commercial', 'public')),
    status   TEXT NOT NULL CHECK (status IN ('available', 'granted', 'under_construction', 'producing', 'idle', 'unsupplied')),
    geometry TEXT NOT NULL,
    area_m2  REAL NOT NULL CHECK (area_m2 > 0),
    west     REAL NOT NULL,
    south    REAL NOT NULL,
    east     REAL NOT NULL,
    north    REAL NOT NULL
);

CREATE INDEX parcels_by_park ON parcels (park_id);
