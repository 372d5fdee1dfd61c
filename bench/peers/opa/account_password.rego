# account.password in Rego: composition, length, confirmation and history of a new password. The
# limits and character classes are data.params.account_password, generated from rules/account/.
package peers.account_password

# An import, not a rule: each reference reads only the value it names from the store.
import data.params.account_password as params

decision := {"error": "NO_VERSION_IN_FORCE"} if input.at < params.effectiveFrom

decision := {"outcome": outcome, "violations": violations, "outputs": {"historyDepth": params.historyDepth}} if {
	input.at >= params.effectiveFrom
}

# count() of a string counts code points, as the policy does.
length := count(input.facts.newPassword)

# In the policy's rule order, so that the violations come out in the same order.
checks := [
	{"code": "TOO_SHORT", "failed": length < params.minLength},
	{"code": "TOO_LONG", "failed": length > params.maxLength},
	{"code": "MISSING_DIGIT", "failed": has(params.characterClasses.digit) == false},
	{"code": "MISSING_UPPERCASE", "failed": has(params.characterClasses.uppercase) == false},
	{"code": "MISSING_SYMBOL", "failed": has(params.characterClasses.symbol) == false},
	{"code": "CONFIRMATION_MISMATCH", "failed": input.facts.newPassword != input.facts.confirmPassword},
	{"code": "RECENTLY_USED", "failed": input.facts.matchesRecentPassword == true},
]

has(pattern) := regex.match(pattern, input.facts.newPassword)

violations := [c.code | some c in checks; c.failed]

outcome := "deny" if count(violations) > 0

outcome := "allow" if count(violations) == 0
