package sizing

// The closed forms of one IPv4 node's consumption, kept as the test oracle the
// ipamd replay (ipamd.go) and its explanation (ipamd_explain.go) are checked
// against: TestClosedFormMatchesReplay. They agree with the replay whenever the
// warm target stays within max_pods; TestClosedFormDisagreesWithReplay pins
// the cases where they do not (ipamd allocates a warm shortfall in one step
// and stops only at max_pods, which no closed form captures).

import (
	"fmt"
	"strings"
)

// closedFormResult is the closed-form per-node consumption.
type closedFormResult struct {
	enis, secondary, prefixes, ips int
	formula                        string
}

// closedForm computes the closed forms for an IPv4 node. slots is
// S = IPv4 per ENI - 1, enis the ENIs that may carry pod addresses. With
// explain, formula shows the derivation.
func closedForm(prefix bool, slots, enis int, custom bool, maxPods, p int, w ResolvedWarm, explain bool) closedFormResult {
	var c closedFormResult
	var f strings.Builder
	say := func(format string, args ...any) {
		if explain {
			fmt.Fprintf(&f, format, args...)
		}
	}
	switch {
	case prefix:
		var pf int
		switch {
		case w.WarmIPDefined():
			pf = max(ceilDiv(p+w.WarmIP, ipsPerPrefix), ceilDiv(w.MinimumIP, ipsPerPrefix))
			say("prefixes = max(ceil((%d + %d)/16), ceil(%d/16)) = %d", p, w.WarmIP, w.MinimumIP, pf)
		case w.WarmPrefix >= 1:
			pf = ceilDiv(p, ipsPerPrefix) + w.WarmPrefix
			say("prefixes = ceil(%d/16) + %d = %d", p, w.WarmPrefix, pf)
		default:
			pf = p/ipsPerPrefix + 1
			say("prefixes = floor(%d/16) + 1 = %d", p, pf)
		}
		if lim := enis * slots; pf > lim {
			pf = lim
			say(", limited to %d (%s x %s)", lim, counted(enis, "ENI", "ENIs"), counted(slots, "prefix", "prefixes"))
		}
		if lim := ceilDiv(maxPods, ipsPerPrefix); pf > lim {
			pf = lim
			say(", limited to %d (ceil(max_pods %d/16))", lim, maxPods)
		}
		n := ceilDiv(pf, slots)
		if !custom || pf > 0 {
			n = max(1, n)
		}
		c.enis, c.prefixes = n, pf
		c.ips = n + ipsPerPrefix*pf
		say(" on %d %s; node IPs = %d + 16 x %d = %d", n, plural(n, "ENI", "ENIs"), n, pf, c.ips)
	case w.WarmIPDefined():
		t := max(p+w.WarmIP, w.MinimumIP)
		say("secondary IPs = max(%d + %d, %d) = %d", p, w.WarmIP, w.MinimumIP, t)
		if lim := enis * slots; t > lim {
			t = lim
			say(", limited to %d (%s x %d)", lim, counted(enis, "ENI", "ENIs"), slots)
		}
		n := ceilDiv(t, slots)
		if !custom {
			n = max(1, n)
		}
		c.enis, c.secondary = n, t
		c.ips = n + t
		say(" on %d %s; node IPs = %d + %d = %d", n, plural(n, "ENI", "ENIs"), n, t, c.ips)
	default:
		var n int
		if w.WarmENI >= 1 {
			n = ceilDiv(p, slots) + w.WarmENI
			say("ENIs = ceil(%d/%d) + %d = %d", p, slots, w.WarmENI, n)
		} else {
			n = p/slots + 1
			say("ENIs = floor(%d/%d) + 1 = %d", p, slots, n)
		}
		if n > enis {
			n = enis
			say(", limited to %d (ENIs available)", enis)
		}
		if lim := ceilDiv(maxPods, slots); n > lim {
			n = lim
			say(", limited to %d (ceil(max_pods %d/%d))", lim, maxPods, slots)
		}
		if n < 1 && !custom {
			n = 1
			say(", at least 1 (the primary ENI)")
		}
		c.enis, c.secondary = n, n*slots
		c.ips = n * (slots + 1)
		say("; node IPs = %d x %d = %d", n, slots+1, c.ips)
	}
	c.formula = f.String()
	return c
}
