# The two commands of parkatlas. Both install what they need first, and skip every
# step that is already done.
.PHONY: run test bench-api bench-map bench-area bench-what-if

## Build the SPA and the server, then serve them with the demo data at http://127.0.0.1:8080/
run:
	@scripts/run $(ARGS)

## Run every test: lints, native tests, the wasm build, browser journeys
test:
	@scripts/test

## Benchmark the API with wrk at ~50,000 parcels (writes benchmarks/api.md)
bench-api:
	@scripts/bench-api

## Benchmark the map in headless Chromium: drawing ~10,000 parcels against plain Leaflet, transfer size, Lighthouse (writes benchmarks/map.md)
bench-map:
	@scripts/bench-map

## Benchmark the geodesic area of 100,000 parcels: parkatlas-core in wasm beside @turf/area, both against Karney's (writes benchmarks/area.md)
bench-area:
	@scripts/bench-area

## Benchmark the officials' what-if in headless Chromium: one edit re-evaluating ~20,000 enterprises, unthrottled and at 4× CPU slowdown (writes benchmarks/what-if.md)
bench-what-if:
	@scripts/bench-what-if
