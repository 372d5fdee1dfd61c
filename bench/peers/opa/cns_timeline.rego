# cns.timeline in Rego: production and delivery dates in Torino working days from the later of
# recognition and payment. data.params.cns_timeline holds the numbers of days, the first day the
# holiday calendar covers, every Torino holiday as a set of ISO dates (generated from
# rules/calendars/torino.parameters.json, its dated history applied day by day) and `span`, the
# most calendar days the longest count can take.
package peers.cns_timeline

# An import, not a rule: each reference reads only the value it names from the store.
import data.params.cns_timeline as params

decision := {"error": "NO_VERSION_IN_FORCE"} if input.at < params.effectiveFrom

decision := {"outcome": outcome, "violations": violations, "outputs": outputs} if input.at >= params.effectiveFrom

dates := [d | some d in [input.facts.recognitionDate, object.get(input.facts, "paymentDate", null)]; is_string(d)]

clock_start := max(dates)

covered if clock_start >= params.calendarFrom

violations := [] if covered

violations := ["NO_HOLIDAY_CALENDAR"] if not covered

outcome := "allow" if covered

outcome := "deny" if not covered

outputs := {
	"clockStart": clock_start,
	"productionStartBy": working_days[params.productionWorkingDays - 1],
	"deliveryFrom": working_days[params.deliveryMinWorkingDays - 1],
	"deliveryTo": working_days[params.deliveryMaxWorkingDays - 1],
} if covered

outputs := {
	"clockStart": clock_start,
	"productionStartBy": null,
	"deliveryFrom": null,
	"deliveryTo": null,
} if not covered

start_ns := time.parse_ns("2006-01-02", clock_start)

# The working days after the clock start (not counted itself), in order: Monday to Friday and
# not a holiday.
working_days := [day |
	some i in numbers.range(1, params.span)
	ns := time.add_date(start_ns, 0, 0, i)
	not weekend[time.weekday(ns)]
	day := time.format([ns, "UTC", "2006-01-02"])
	not params.holidays[day]
]

weekend := {"Saturday", "Sunday"}
