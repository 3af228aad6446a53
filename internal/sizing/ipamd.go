package sizing

// This file replays the VPC CNI's ipamd (amazon-vpc-cni-k8s v1.23,
// pkg/ipamd/ipamd.go) scaling up the IPv4 pool of one node's default network
// card as pods arrive. It follows the code path by path:
//
//   - isDatastorePoolTooLow: not low once total IPs >= max pods; with
//     WARM_IP_TARGET or MINIMUM_IP_TARGET, low when datastoreTargetState is
//     short; otherwise low when available < per-unit x warm target (per-unit is
//     an ENI's secondary IPs, or 16 in prefix mode), or when the warm target is
//     0 and nothing is available.
//   - increaseDatastorePool: tryAssignCidrs tops up the first ENI with room
//     (tryAssignIPs / tryAssignPrefixes), and only when no ENI has room does
//     tryAllocateENI attach a new one, if hasRoomForEni.
//   - amounts: secondary IPs fill an ENI (maxIPsPerENI) or allocate exactly the
//     warm-IP shortfall; prefixes follow getPrefixesNeeded (at least 1, the
//     warm-IP shortfall in prefixes, or WARM_PREFIX_TARGET - free prefixes).
//
// Pods arrive one at a time and the pool is settled (the reconcile loop runs
// until the pool is no longer low) between arrivals; a pod that finds no
// available IP never gets one unless the loop could add more. Scale-down is not
// replayed: the model sizes for peak pods, and at peak ipamd's scale-down
// conditions do not hold. explainReplay (ipamd_explain.go) writes the formula
// from a finished replay; the closed forms in nodeips_oracle_test.go are the
// test oracle the replay is checked against.
//
// Two choices where the real ipamd is not deterministic: the datastore walks Go
// maps, so which prefix a pod's IP comes from is random; the replay packs pods
// into prefixes in order (free prefixes = prefixes - ceil(pods/16)), which is
// what matters only for WARM_PREFIX_TARGET >= 2. And ENIs are filled in
// attachment order, which the code guarantees (a new ENI is attached only when
// every ENI is full).
type ipamdReplay struct {
	prefix  bool // prefix delegation: a slot is a /28
	slots   int  // secondary IPs (or prefixes) per ENI: IPv4 per ENI - 1
	maxENIs int  // ENIs that may carry pod addresses
	maxPods int  // kubelet max pods, as ipamd reads it from the node
	w       ResolvedWarm
	primary bool // the primary ENI carries pods (no custom networking)
	// ENIs are filled in attachment order and a new one is attached only
	// when every ENI is full, so all ENIs but the last are full: the pod ENIs
	// are a count and the slots used on the last one.
	enis  int // pod ENIs, in attachment order
	last  int // slots used on the last pod ENI
	units int // slots used on all ENIs
	pods  int // pods holding an IP
}

func newIPAMDReplay(prefix bool, slots, maxENIs, maxPods int, w ResolvedWarm, primaryCarriesPods bool) *ipamdReplay {
	r := &ipamdReplay{prefix: prefix, slots: slots, maxENIs: maxENIs, maxPods: maxPods, w: w, primary: primaryCarriesPods}
	if primaryCarriesPods {
		// Without custom networking the primary ENI is in the datastore from
		// node init, with no secondary IPs or prefixes yet.
		r.enis = 1
	}
	return r
}

func (r *ipamdReplay) ipsPerUnit() int {
	if r.prefix {
		return ipsPerPrefix
	}
	return 1
}

func (r *ipamdReplay) total() int     { return r.units * r.ipsPerUnit() }
func (r *ipamdReplay) available() int { return r.total() - r.pods }

// short mirrors datastoreTargetState's short: IPs (prefixes in prefix mode)
// missing to reach WARM_IP_TARGET spare and MINIMUM_IP_TARGET total.
func (r *ipamdReplay) short() int {
	s := max(r.w.WarmIP-r.available(), 0)
	s = max(s, r.w.MinimumIP-r.total())
	if r.prefix {
		return ceilDiv(s, ipsPerPrefix)
	}
	return s
}

// freePrefixes mirrors GetFreePrefixes with pods packed into prefixes in order.
func (r *ipamdReplay) freePrefixes() int { return r.units - ceilDiv(r.pods, ipsPerPrefix) }

// tooLow mirrors isDatastorePoolTooLow for the default network card.
func (r *ipamdReplay) tooLow() bool {
	if r.total() >= r.maxPods {
		return false
	}
	if r.w.WarmIPDefined() {
		return r.short() > 0
	}
	warm, per := r.w.WarmENI, r.slots
	if r.prefix {
		warm, per = r.w.WarmPrefix, ipsPerPrefix
	}
	avail := r.available()
	return avail < per*warm || (warm == 0 && avail == 0)
}

// needed is what one allocation asks for: getPrefixesNeeded in prefix mode,
// otherwise a full ENI's worth or the warm-IP shortfall.
func (r *ipamdReplay) needed() int {
	if r.prefix {
		n := 1
		if r.w.WarmIPDefined() {
			n = max(n, r.short())
		} else {
			n = max(n, r.w.WarmPrefix-r.freePrefixes())
		}
		return n
	}
	if r.w.WarmIPDefined() {
		return r.short()
	}
	return r.slots
}

// increase mirrors increaseDatastorePool and reports whether the pool grew.
func (r *ipamdReplay) increase() bool {
	// tryAssignIPs returns early when warm targets are defined and not short.
	if r.prefix || !r.w.WarmIPDefined() || r.short() > 0 {
		// tryAssignCidrs: the first ENI with room is the last one.
		n := r.needed()
		if r.enis > 0 && r.last < r.slots && n > 0 {
			add := min(r.slots-r.last, n)
			r.last += add
			r.units += add
			return true
		}
	}
	// hasRoomForEni, then tryAllocateENI with GetENIResourcesToAllocate.
	if r.enis >= r.maxENIs {
		return false
	}
	n := min(r.needed(), r.slots)
	if n <= 0 {
		return false
	}
	r.enis++
	r.last = n
	r.units += n
	return true
}

func (r *ipamdReplay) settle() {
	for r.tooLow() && r.increase() {
	}
}

// podsUntilLow is how many pods can be placed, settling after each, before the
// pool next turns low: the settle calls in between do nothing, so they can be
// skipped. Called only when the pool is not low (or cannot grow).
func (r *ipamdReplay) podsUntilLow() int {
	const never = int(^uint(0) >> 1)
	avail := r.available()
	if r.total() >= r.maxPods || r.tooLow() {
		return never
	}
	if r.w.WarmIPDefined() {
		// MINIMUM_IP_TARGET is met (the pool is not low); only spare IPs fall.
		if r.w.WarmIP == 0 {
			return never
		}
		return avail - r.w.WarmIP + 1
	}
	warm, per := r.w.WarmENI, r.slots
	if r.prefix {
		warm, per = r.w.WarmPrefix, ipsPerPrefix
	}
	if warm == 0 {
		return avail
	}
	return avail - per*warm + 1
}

// run places pods one by one and returns 0, or the number of the first pod
// that never gets an IP.
func (r *ipamdReplay) run(pods int) int {
	r.settle()
	for r.pods < pods {
		avail := r.available()
		if avail == 0 {
			return r.pods + 1
		}
		k := min(r.podsUntilLow(), avail, pods-r.pods)
		r.pods += k
		r.settle()
		r.warmIPStride(pods)
	}
	return 0
}

// warmIPStride takes, in one step, the pods that each cost exactly one new
// secondary IP: with WARM_IP_TARGET in secondary-IP mode, once the pool holds
// exactly WARM_IP_TARGET spare IPs and MINIMUM_IP_TARGET is met, every pod
// that arrives makes the pool short by one and ipamd adds one IP to the last
// ENI, until that ENI is full, max pods is reached or the pods run out. The
// one-pod-at-a-time loop of run gives the same state (TestWarmIPStride); this
// only spares it a settle per pod.
func (r *ipamdReplay) warmIPStride(pods int) {
	if r.prefix || r.w.WarmIP == 0 || r.enis == 0 || r.available() != r.w.WarmIP || r.total() < r.w.MinimumIP {
		return
	}
	k := min(pods-r.pods, r.slots-r.last, r.maxPods-r.total())
	if k <= 0 {
		return
	}
	r.pods += k
	r.last += k
	r.units += k
}

// podENIs is the ENIs holding at least one pod slot (the primary ENI always
// counts without custom networking).
func (r *ipamdReplay) podENIs() int { return r.enis }
