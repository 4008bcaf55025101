//! A pin on the map: where a request is, placed by a tap. Positions in and out are WGS-84
//! (latitude, longitude) whatever the base map's datum.

use leaflet::{CircleMarker, CircleOptions};

use super::MapHandle;

/// The pin, drawn on the map it was placed on.
pub struct Pin {
    marker: CircleMarker,
    handle: MapHandle,
}

impl Pin {
    /// Places a pin at a WGS-84 position.
    pub fn place(handle: &MapHandle, lat: f64, lng: f64) -> Pin {
        let options = CircleOptions::new();
        options.set_radius(10.0);
        options.set_color("#ffffff".into());
        options.set_weight(3.0);
        options.set_fill_color("#b3261e".into());
        options.set_fill_opacity(1.0);
        options.set_interactive(false);
        let marker = CircleMarker::new_with_options(&handle.lat_lng(lat, lng), &options.into());
        marker.add_to(&handle.map);
        let pin = Pin { marker, handle: handle.clone() };
        pin.record(lat, lng);
        pin
    }

    /// Moves the pin to a WGS-84 position.
    pub fn move_to(&self, lat: f64, lng: f64) {
        self.marker.set_lat_lng(&self.handle.lat_lng(lat, lng));
        self.record(lat, lng);
    }

    /// Keeps the position on the map's container, for tests and tools (`data-pin`).
    fn record(&self, lat: f64, lng: f64) {
        let _ = self.handle.container.set_attribute("data-pin", &format!("{lat:.6},{lng:.6}"));
    }
}

impl MapHandle {
    /// Calls `on_tap` with the WGS-84 position of every tap or click on the map.
    pub fn on_tap(&self, on_tap: impl Fn(f64, f64) + 'static) {
        let handle = self.clone();
        self.map.on_mouse_click(Box::new(move |event| {
            let at = event.lat_lng();
            let (lng, lat) = handle.to_wgs84(at.lng(), at.lat());
            on_tap(lat, lng);
        }));
    }
}
