-- A service request may be about a parcel (NewRequest.parcel_id). A request outlives
-- the parcel it names: deleting the parcel only forgets the link.
ALTER TABLE service_requests ADD COLUMN parcel_id INTEGER REFERENCES parcels (id) ON DELETE SET NULL;
