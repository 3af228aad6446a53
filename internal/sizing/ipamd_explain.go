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

// replayExplanation is what per_node.formula says about a finished replay of
// pods pods, taken from the replay's own numbers, never from a second
// formula: what the warm settings ask for (the same replay with no ENI or max
// pods limit), the ENI limit when it cuts that down, the max pods limit, and
// the ENIs and node IPs the replay ended with. The ask is counted in the unit
// ipamd allocates by: prefixes, secondary IPs (warm-IP settings), or whole
// ENIs. explainReplay fills it in (the numbers, and whether the replay
// overshot); write turns it into text only when the formula is read.
//
// ipamd stops once a node holds max_pods IPs, so where ENIs or prefixes come
// in whole units the replay ends at ceil(max_pods/unit) and the formula says
// so. overshoot is true when it does not: with warm-IP settings in
// secondary-IP mode max pods cuts the warm target at any IP count, and a warm
// shortfall allocated in one step can pass ceil(max_pods/unit). The caller
// then warns, and the formula states the replay's number with that reason.
type replayExplanation struct {
	prefix, warmIP bool
	w              ResolvedWarm
	pods           int
	// ask is what the warm settings ask for, got what the replay allocated,
	// shown the ask limited to capacity (ENIs x slots, or the pod ENIs).
	ask, got, shown, capacity int
	maxENIs, slots, maxPods   int
	enis                      int // the replay's pod ENIs
	// bounded: max pods stopped the replay at ceil(max_pods/unit).
	bounded, overshoot bool
}

// explainReplay explains a finished replay rp of p pods.
func explainReplay(rp *ipamdReplay, p int) replayExplanation {
	unlimited := newIPAMDReplay(rp.prefix, rp.slots, unlimitedReplay, unlimitedReplay, rp.w, rp.primary)
	unlimited.run(p)
	e := replayExplanation{
		prefix: rp.prefix, warmIP: rp.w.WarmIPDefined(), w: rp.w, pods: p,
		maxENIs: rp.maxENIs, slots: rp.slots, maxPods: rp.maxPods, enis: rp.podENIs(),
	}
	// Prefixes and whole ENIs come in units, so max pods stops them at
	// ceil(max_pods/unit); warm-IP secondary IPs come one by one.
	wholeUnits, unit := true, 1
	switch {
	case rp.prefix:
		e.ask, e.got, e.capacity, unit = unlimited.units, rp.units, rp.maxENIs*rp.slots, ipsPerPrefix
	case e.warmIP:
		e.ask, e.got, e.capacity = unlimited.units, rp.units, rp.maxENIs*rp.slots
		wholeUnits = false
	default:
		e.ask, e.got, e.capacity, unit = unlimited.podENIs(), rp.podENIs(), rp.maxENIs, rp.slots
	}
	e.shown = min(e.ask, e.capacity)
	maxPodsBound := ceilDiv(rp.maxPods, unit)
	switch {
	case wholeUnits && e.got < e.shown && e.got == maxPodsBound:
		e.bounded = true
	case e.got != e.shown || wholeUnits && e.got > maxPodsBound:
		e.overshoot = true
	}
	return e
}

// write writes the explanation: the ask, its limits, and the node IPs.
func (e replayExplanation) write(f *strings.Builder) {
	var capacityText, one, many string
	unit := 1
	p, w := e.pods, e.w
	switch {
	case e.prefix:
		switch {
		case e.warmIP:
			fmt.Fprintf(f, "prefixes = max(ceil((%d + %d)/16), ceil(%d/16)) = %d", p, w.WarmIP, w.MinimumIP, e.ask)
		case w.WarmPrefix >= 1:
			fmt.Fprintf(f, "prefixes = ceil(%d/16) + %d = %d", p, w.WarmPrefix, e.ask)
		default:
			fmt.Fprintf(f, "prefixes = floor(%d/16) + 1 = %d", p, e.ask)
		}
		capacityText = fmt.Sprintf("%s x %s", counted(e.maxENIs, "ENI", "ENIs"), counted(e.slots, "prefix", "prefixes"))
		one, many, unit = "prefix", "prefixes", ipsPerPrefix
	case e.warmIP:
		fmt.Fprintf(f, "secondary IPs = max(%d + %d, %d) = %d", p, w.WarmIP, w.MinimumIP, e.ask)
		capacityText = fmt.Sprintf("%s x %d", counted(e.maxENIs, "ENI", "ENIs"), e.slots)
		one, many = "secondary IP", "secondary IPs"
	default:
		if w.WarmENI >= 1 {
			fmt.Fprintf(f, "ENIs = ceil(%d/%d) + %d = %d", p, e.slots, w.WarmENI, e.ask)
		} else {
			fmt.Fprintf(f, "ENIs = floor(%d/%d) + 1 = %d", p, e.slots, e.ask)
		}
		capacityText = "ENIs available"
		one, many, unit = "ENI", "ENIs", e.slots
	}
	if e.ask > e.capacity {
		fmt.Fprintf(f, ", limited to %d (%s)", e.capacity, capacityText)
	}
	switch {
	case e.bounded:
		fmt.Fprintf(f, ", limited to %d (ceil(max_pods %d/%d))", e.got, e.maxPods, unit)
	case e.overshoot:
		fmt.Fprintf(f, "; ipamd replay: %s (it allocates a warm shortfall in one step and stops only once a node holds max_pods %d IPs)", counted(e.got, one, many), e.maxPods)
	}
	switch {
	case e.prefix:
		fmt.Fprintf(f, " on %s; node IPs = %d + 16 x %d = %d", counted(e.enis, "ENI", "ENIs"), e.enis, e.got, e.enis+ipsPerPrefix*e.got)
	case e.warmIP:
		fmt.Fprintf(f, " on %s; node IPs = %d + %d = %d", counted(e.enis, "ENI", "ENIs"), e.enis, e.got, e.enis+e.got)
	default:
		fmt.Fprintf(f, "; node IPs = %d x %d = %d", e.enis, e.slots+1, e.enis*(e.slots+1))
	}
}
