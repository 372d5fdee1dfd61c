# albo.quota in Rego: the annual fee of the road-haulage register. The schedules (reference date,
# fixed fee, fleet-size and mass bands) are data.params.albo_quota, generated from rules/albo/.
package peers.albo_quota

# An import, not a rule: each reference reads only the value it names from the store.
import data.params.albo_quota as params

decision := {"error": "NO_VERSION_IN_FORCE"} if input.at < params.effectiveFrom

decision := {"outcome": outcome, "violations": violations, "outputs": outputs} if input.at >= params.effectiveFrom

# null when the fee year has no published schedule (a lookup keyed by the year as a string).
schedule := object.get(params.schedules, format_int(input.facts.year, 10), null)

violations := ["NO_FEE_SCHEDULE"] if schedule == null

violations := [] if schedule != null

outcome := "deny" if count(violations) > 0

outcome := "allow" if count(violations) == 0

outputs := {
	"amountCents": null,
	"fleetReferenceDate": null,
	"vehiclesCounted": null,
	"components": [],
} if schedule == null

outputs := {
	"amountCents": sum([c.amountCents | some c in components]),
	"fleetReferenceDate": schedule.fleetReferenceDate,
	"vehiclesCounted": count(counted),
	"components": components,
} if schedule != null

# Vehicles in the fleet on the reference date, both ends of the window inclusive.
counted := [v |
	some v in input.facts.fleet
	v.inFleetFrom <= schedule.fleetReferenceDate
	not left_before(v, schedule.fleetReferenceDate)
]

left_before(v, date) if v.inFleetTo < date

# A vehicle weighs by its massKg, a tractor by its towableMassKg.
mass_field := {"vehicle": "massKg", "tractor": "towableMassKg"}

masses := [object.get(v, mass_field[v.kind], null) | some v in counted]

in_band(value, b) if {
	value >= b.min
	b.max == null
}

in_band(value, b) if {
	value >= b.min
	value <= b.max
}

fleet_size_bands := [b | some b in schedule.fleetSizeBands; in_band(count(counted), b)]

fleet_size_component := [{
	"code": "FLEET_SIZE",
	"band": b.band,
	"vehicles": count(counted),
	"amountCents": b.amountCents,
} |
	b := fleet_size_bands[0]
]

# Per mass band, in the schedule's order, the counted vehicles in it (empty bands left out).
mass_components := [{"code": "MASS", "band": b.band, "vehicles": n, "amountCents": n * b.amountCents} |
	some b in schedule.massBands
	n := count([m | some m in masses; is_number(m); in_band(m, b)])
	n > 0
]

components := array.concat(
	array.concat([{"code": "FIXED", "amountCents": schedule.fixedCents}], fleet_size_component),
	mass_components,
)
