//! "Locate me": the browser's position as a future.

use futures::channel::oneshot;
use wasm_bindgen::prelude::*;
use web_sys::{Position, PositionError, PositionOptions};

/// Latitude, longitude and accuracy (metres) of the device, or why there is none.
pub async fn current_position() -> Result<(f64, f64, f64), String> {
    let geolocation = web_sys::window()
        .ok_or("no window")?
        .navigator()
        .geolocation()
        .map_err(|_| "this browser cannot locate".to_string())?;
    let (sender, receiver) = oneshot::channel::<Result<(f64, f64, f64), String>>();
    let sender = std::rc::Rc::new(std::cell::RefCell::new(Some(sender)));
    let on_success = {
        let sender = sender.clone();
        Closure::once(move |position: Position| {
            let coords = position.coords();
            if let Some(sender) = sender.borrow_mut().take() {
                let _ = sender.send(Ok((coords.latitude(), coords.longitude(), coords.accuracy())));
            }
        })
    };
    let on_error = Closure::once(move |error: PositionError| {
        if let Some(sender) = sender.borrow_mut().take() {
            let _ = sender.send(Err(error.message()));
        }
    });
    let options = PositionOptions::new();
    options.set_enable_high_accuracy(true);
    options.set_timeout(15_000);
    geolocation
        .get_current_position_with_error_callback_and_options(
            on_success.as_ref().unchecked_ref(),
            Some(on_error.as_ref().unchecked_ref()),
            &options,
        )
        .map_err(|_| "this browser cannot locate".to_string())?;
    let outcome = receiver.await.map_err(|_| "no answer".to_string())?;
    drop((on_success, on_error));
    outcome
}
