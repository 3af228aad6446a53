package sizing

import (
	"fmt"
	"math"
	"strings"
)

// unlimitedReplay stands for "no limit" in a replay's ENIs and max pods: the
// ask of the warm settings alone. The replay's pods already fit the real
// ENIs, so the unlimited replay attaches at most the warm target's ENIs more.
// 2^40 where int has 64 bits, 2^30 on the 32-bit release targets (386, arm).
const unlimitedReplay = min(1<<40, math.MaxInt>>1+1)

// explainReplay writes per_node.formula for a finished replay of p pods from
// the replay's own numbers, never from a second formula: what the warm
// settings ask for (the same replay of p pods with no ENI or max pods limit),
// the ENI limit when it cuts that down, the max pods limit, and the ENIs and
// node IPs the replay ended with. The ask is counted in the unit ipamd
// allocates by: prefixes, secondary IPs (warm-IP settings), or whole ENIs.
//
// ipamd stops once a node holds max_pods IPs, so where ENIs or prefixes come
// in whole units the replay ends at ceil(max_pods/unit) and the formula says
// so. overshoot is true when it does not: with warm-IP settings in
// secondary-IP mode max pods cuts the warm target at any IP count, and a warm
// shortfall allocated in one step can pass ceil(max_pods/unit). The caller
// then warns, and the formula states the replay's number with that reason.
func explainReplay(rp *ipamdReplay, p int) (formula string, overshoot bool) {
	unlimited := newIPAMDReplay(rp.prefix, rp.slots, unlimitedReplay, unlimitedReplay, rp.w, rp.primary)
	unlimited.run(p)
	w := rp.w
	var f strings.Builder
	var ask, got, capacity, unit int
	var capacityText, one, many string
	// Prefixes and whole ENIs come in units, so max pods stops them at
	// ceil(max_pods/unit); warm-IP secondary IPs come one by one.
	wholeUnits := true
	switch {
	case rp.prefix:
		ask, got, capacity, unit = unlimited.units, rp.units, rp.maxENIs*rp.slots, ipsPerPrefix
		switch {
		case w.WarmIPDefined():
			fmt.Fprintf(&f, "prefixes = max(ceil((%d + %d)/16), ceil(%d/16)) = %d", p, w.WarmIP, w.MinimumIP, ask)
		case w.WarmPrefix >= 1:
			fmt.Fprintf(&f, "prefixes = ceil(%d/16) + %d = %d", p, w.WarmPrefix, ask)
		default:
			fmt.Fprintf(&f, "prefixes = floor(%d/16) + 1 = %d", p, ask)
		}
		capacityText = fmt.Sprintf("%s x %s", counted(rp.maxENIs, "ENI", "ENIs"), counted(rp.slots, "prefix", "prefixes"))
		one, many = "prefix", "prefixes"
	case w.WarmIPDefined():
		ask, got, capacity, unit = unlimited.units, rp.units, rp.maxENIs*rp.slots, 1
		fmt.Fprintf(&f, "secondary IPs = max(%d + %d, %d) = %d", p, w.WarmIP, w.MinimumIP, ask)
		capacityText = fmt.Sprintf("%s x %d", counted(rp.maxENIs, "ENI", "ENIs"), rp.slots)
		one, many = "secondary IP", "secondary IPs"
		wholeUnits = false
	default:
		ask, got, capacity, unit = unlimited.podENIs(), rp.podENIs(), rp.maxENIs, rp.slots
		if w.WarmENI >= 1 {
			fmt.Fprintf(&f, "ENIs = ceil(%d/%d) + %d = %d", p, rp.slots, w.WarmENI, ask)
		} else {
			fmt.Fprintf(&f, "ENIs = floor(%d/%d) + 1 = %d", p, rp.slots, ask)
		}
		capacityText = "ENIs available"
		one, many = "ENI", "ENIs"
	}
	shown := ask
	if shown > capacity {
		shown = capacity
		fmt.Fprintf(&f, ", limited to %d (%s)", capacity, capacityText)
	}
	maxPodsBound := ceilDiv(rp.maxPods, unit)
	switch {
	case wholeUnits && got < shown && got == maxPodsBound:
		fmt.Fprintf(&f, ", limited to %d (ceil(max_pods %d/%d))", got, rp.maxPods, unit)
	case got != shown || wholeUnits && got > maxPodsBound:
		overshoot = true
		fmt.Fprintf(&f, "; ipamd replay: %s (it allocates a warm shortfall in one step and stops only once a node holds max_pods %d IPs)", counted(got, one, many), rp.maxPods)
	}
	enis := rp.podENIs()
	switch {
	case rp.prefix:
		fmt.Fprintf(&f, " on %s; node IPs = %d + 16 x %d = %d", counted(enis, "ENI", "ENIs"), enis, got, enis+ipsPerPrefix*got)
	case w.WarmIPDefined():
		fmt.Fprintf(&f, " on %s; node IPs = %d + %d = %d", counted(enis, "ENI", "ENIs"), enis, got, enis+got)
	default:
		fmt.Fprintf(&f, "; node IPs = %d x %d = %d", enis, rp.slots+1, enis*(rp.slots+1))
	}
	return f.String(), overshoot
}
