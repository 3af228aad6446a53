package sizing

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// A Karpenter NodePool launches any of its candidate instance types with one
// EC2NodeClass, and an EC2NodeClass has one spec.kubelet.maxPods. Karpenter's
// own pod count ignores prefix delegation (karpenter-provider-aws #8210), and a
// single maxPods is wrong for all but one type (#2029, #6353, #7561). NodePool
// answers, for each candidate, what Karpenter computes and what the node must
// really run with, drops the types that cannot serve the pool, and groups the
// rest into node classes that each need one maxPods.

// Field names of the NodePool inputs.
const (
	FieldInstanceFamilies     = "instance_families"
	FieldInstanceSizes        = "instance_sizes"
	FieldArchitectures        = "architectures"
	FieldMinVCPUs             = "min_vcpus"
	FieldMinMemoryMiB         = "min_memory_mib"
	FieldExcludeInstanceTypes = "exclude_instance_types"
	FieldDaemonSet            = "daemonset"
	FieldLargestPodCPU        = "largest_pod_cpu_request"
	FieldLargestPodMemory     = "largest_pod_memory_request"
)

// Requirements filter the candidate types the way a NodePool's requirements
// on karpenter.k8s.aws/instance-family, instance-size, kubernetes.io/arch,
// instance-cpu and instance-memory do. Empty fields do not filter.
type Requirements struct {
	Families      []string
	Sizes         []string
	Architectures []string // kubernetes.io/arch values: ec2data.Architectures()
	MinVCPUs      int
	MinMemoryMiB  int
	Exclude       []string
}

// PodRequests are a pod's CPU and memory requests as Kubernetes quantities;
// "" means none.
type PodRequests struct {
	CPU    string
	Memory string
	// HostNetwork marks a pod on the node's network (hostNetwork: true): it
	// counts against kubelet's max pods like every pod, but takes no pod IP
	// from the VPC CNI (see NodePoolType.PodsLeft).
	HostNetwork bool
}

// NodePoolInput is a NodePool's candidates and what every node must hold.
type NodePoolInput struct {
	// InstanceTypes are the candidates named by the user; nil means every
	// type of the table that meets Requirements.
	InstanceTypes []string
	Requirements  Requirements
	Networking    Networking
	// AMIFamily is the EC2NodeClass's family: "al2023" (default) or "bottlerocket".
	AMIFamily string
	// DaemonSets run one pod on every node.
	DaemonSets []PodRequests
	// LargestPod, when set, must fit on every node next to the DaemonSets.
	LargestPod *PodRequests
}

// NodePoolType is one candidate's answer.
type NodePoolType struct {
	InstanceType string
	// KarpenterPods is the pods capacity Karpenter computes with no maxPods
	// (ENI-limited, RESERVED_ENIS = KarpenterReservedENIs of the settings).
	KarpenterPods int
	// MaxPods is what the node must run with: ekssize_max_pods for the type and
	// settings, which ekssize_node_config's Karpenter block writes.
	MaxPods int
	// Karpenter is Karpenter's model of the node with maxPods = MaxPods:
	// kube-reserved and allocatable as it schedules against them.
	Karpenter KarpenterNode
	// DaemonSetPods, DaemonSetCPUMillicores and DaemonSetMemoryMiB are what the
	// DaemonSets take; the *Left values are what remains for other pods.
	// PodsLeft counts pods that take a pod IP: the lower of max pods minus every
	// DaemonSet pod (kubelet counts host-network pods too) and the node's pod
	// IPs minus the DaemonSet pods not on the host network (MaxPodsResult.PodIPs;
	// no IP bound with IPv6). Where the ENI formula sets max pods, its "+ 2"
	// host-network pods make the two agree when exactly two DaemonSets (aws-node
	// and kube-proxy) use the host network; with fewer, the pod IPs bind.
	DaemonSetPods          int
	DaemonSetCPUMillicores int64
	DaemonSetMemoryMiB     int64
	PodsLeft               int
	CPULeftMillicores      int64
	MemoryLeftMiB          int64
	// Excluded says why the type cannot serve the pool ("" when it can).
	Excluded string
}

// NodeClass is a set of candidates that can share one EC2NodeClass: all need
// the same maxPods.
type NodeClass struct {
	MaxPods int
	// SetMaxPods is false when Karpenter's own pod count already equals
	// MaxPods for every member, so the kubelet block needs no maxPods.
	SetMaxPods    bool
	InstanceTypes []string
}

// NodePoolResult is every candidate (sorted by name), and the node classes of
// the ones not excluded, by descending max pods.
type NodePoolResult struct {
	Types   []NodePoolType
	Classes []NodeClass
}

// NodePool answers "which of these types can a NodePool launch, what does
// each really run with, and which EC2NodeClasses does it need".
func NodePool(in NodePoolInput) (NodePoolResult, error) {
	r, err := in.Networking.Validate()
	if err != nil {
		return NodePoolResult{}, err
	}
	family := or(in.AMIFamily, AMIFamilyAL2023)
	if err := oneOf(FieldAMIFamily, family, AMIFamilyAL2023, AMIFamilyBottlerocket); err != nil {
		return NodePoolResult{}, err
	}
	need, err := podNeeds(in)
	if err != nil {
		return NodePoolResult{}, err
	}
	candidates, err := nodePoolCandidates(in)
	if err != nil {
		return NodePoolResult{}, err
	}
	var res NodePoolResult
	for _, inst := range candidates {
		t, err := nodePoolType(inst, r, family, need)
		if err != nil {
			return NodePoolResult{}, err
		}
		res.Types = append(res.Types, t)
	}
	res.Classes = nodeClasses(res.Types)
	return res, nil
}

// podNeeds is the DaemonSets' and the largest pod's requests, parsed.
type podNeed struct {
	dsPods            int
	dsPodIPs          int // DaemonSet pods not on the host network: each takes a pod IP
	dsCPU, dsMemMiB   int64
	bigCPU, bigMemMiB int64
	haveLargest       bool
}

func podNeeds(in NodePoolInput) (podNeed, error) {
	var n podNeed
	for i, ds := range in.DaemonSets {
		f := fmt.Sprintf("%s[%d].", FieldDaemonSet, i)
		cpu, mem, err := parseRequests(f+"cpu_request", f+"memory_request", ds)
		if err != nil {
			return n, err
		}
		n.dsPods++
		if !ds.HostNetwork {
			n.dsPodIPs++
		}
		n.dsCPU += cpu
		n.dsMemMiB += mem
	}
	if in.LargestPod != nil {
		cpu, mem, err := parseRequests(FieldLargestPodCPU, FieldLargestPodMemory, *in.LargestPod)
		if err != nil {
			return n, err
		}
		n.haveLargest, n.bigCPU, n.bigMemMiB = true, cpu, mem
	}
	return n, nil
}

func parseRequests(cpuField, memField string, p PodRequests) (milliCPU, memMiB int64, err error) {
	if p.CPU != "" {
		q, err := parseCPU(cpuField, p.CPU)
		if err != nil {
			return 0, 0, err
		}
		milliCPU = q.Value
	}
	if p.Memory != "" {
		q, err := parseBytes(memField, p.Memory)
		if err != nil {
			return 0, 0, err
		}
		memMiB = ceilDiv(q.Value, mebi)
	}
	return milliCPU, memMiB, nil
}

// nodePoolCandidates resolves the candidate list and applies the
// requirements; an empty result is an error naming what filtered it out.
func nodePoolCandidates(in NodePoolInput) ([]ec2data.Instance, error) {
	req := in.Requirements
	// The table's architecture names are the kubernetes.io/arch values.
	archs := ec2data.Architectures()
	for i, a := range req.Architectures {
		if !slices.Contains(archs, a) {
			return nil, inputErr(fmt.Sprintf("%s[%d]", FieldArchitectures, i), "%s[%d] is %q; use the kubernetes.io/arch values %s", FieldArchitectures, i, a, quoteList(archs))
		}
	}
	if req.MinVCPUs < 0 || req.MinMemoryMiB < 0 {
		return nil, inputErr(FieldMinVCPUs, "min_vcpus and min_memory_mib must be 0 or more")
	}
	explicit := in.InstanceTypes != nil
	all := ec2data.MustDefault().All()
	if explicit {
		all = all[:0]
		for i, name := range in.InstanceTypes {
			f := fmt.Sprintf("%s[%d]", FieldInstanceTypes, i)
			inst, err := ec2data.Lookup(name)
			if err != nil {
				return nil, inputErr(f, "%s: %s", f, nodePoolLookupMessage(err))
			}
			if slices.ContainsFunc(all, func(o ec2data.Instance) bool { return o.Name == inst.Name }) {
				return nil, inputErr(f, "%s %q is listed twice; list each instance type once", f, name)
			}
			all = append(all, inst)
		}
		if len(all) == 0 {
			return nil, inputErr(FieldInstanceTypes, "instance_types is empty; list the NodePool's candidate types, or leave it unset to take every type of the table that meets the requirements")
		}
	}
	var out []ec2data.Instance
	for _, inst := range all {
		if meets(inst, req) {
			out = append(out, inst)
		}
	}
	if len(out) == 0 {
		what := "no type of the table"
		if explicit {
			what = "none of instance_types"
		}
		return nil, inputErr(FieldInstanceTypes, "%s meets the requirements (instance_families, instance_sizes, architectures, min_vcpus, min_memory_mib, exclude_instance_types); loosen them", what)
	}
	slices.SortFunc(out, func(a, b ec2data.Instance) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

func meets(inst ec2data.Instance, req Requirements) bool {
	family, size, _ := strings.Cut(inst.Name, ".")
	switch {
	case len(req.Families) > 0 && !slices.Contains(req.Families, family),
		len(req.Sizes) > 0 && !slices.Contains(req.Sizes, size),
		len(req.Architectures) > 0 && !slices.Contains(req.Architectures, inst.Arch),
		req.MinVCPUs > 0 && inst.VCPUs < req.MinVCPUs,
		req.MinMemoryMiB > 0 && inst.MemoryMiB < req.MinMemoryMiB,
		slices.Contains(req.Exclude, inst.Name):
		return false
	}
	return true
}

// nodePoolLookupMessage is the lookup's error without its hint about the
// instance object, which only single-type data sources take.
func nodePoolLookupMessage(err error) string {
	msg, _, _ := strings.Cut(err.Error(), " For a type newer than the table")
	return msg
}

// nodePoolType answers for one candidate.
func nodePoolType(inst ec2data.Instance, r Resolved, family string, need podNeed) (NodePoolType, error) {
	t := NodePoolType{InstanceType: inst.Name}
	if !inst.HasVCPUs() || !inst.HasMemory() {
		t.Excluded = "no vCPU count or memory size in the embedded table; Karpenter cannot size it"
		return t, nil
	}
	mp, warns, err := maxPodsResolved(inst, r)
	if err != nil {
		// A setting the type cannot take (security groups for pods on a type
		// without trunking, IPv6 on Xen) excludes it rather than failing the pool.
		var ie *InputError
		if errors.As(err, &ie) {
			t.Excluded = ie.Msg
			return t, nil
		}
		return t, err
	}
	if r.PrefixDelegation && !mp.PrefixDelegationApplied {
		t.Excluded = "prefix delegation does not apply: the VPC CNI falls back to secondary IPs on it"
		if len(warns) > 0 {
			t.Excluded = warns[0].Detail
		}
	}
	t.MaxPods = mp.MaxPods
	reserved := karpenterReservedENIs(r.Networking)
	own, err := KarpenterNodeOf(KarpenterInput{Instance: inst, AMIFamily: family, ReservedENIs: reserved})
	if err != nil {
		return t, err
	}
	t.KarpenterPods = own.Pods
	maxPods := mp.MaxPods
	if t.Karpenter, err = KarpenterNodeOf(KarpenterInput{Instance: inst, AMIFamily: family, ReservedENIs: reserved, MaxPods: &maxPods}); err != nil {
		return t, err
	}
	t.DaemonSetPods, t.DaemonSetCPUMillicores, t.DaemonSetMemoryMiB = need.dsPods, need.dsCPU, need.dsMemMiB
	t.PodsLeft = t.MaxPods - need.dsPods
	ipBound := !mp.PodIPsUnlimited && mp.PodIPs-need.dsPodIPs < t.PodsLeft
	if ipBound {
		t.PodsLeft = mp.PodIPs - need.dsPodIPs
	}
	t.CPULeftMillicores = t.Karpenter.AllocatableCPUMillicores - need.dsCPU
	t.MemoryLeftMiB = t.Karpenter.AllocatableMemoryMiB - need.dsMemMiB
	if t.Excluded == "" {
		t.Excluded = capacityExclusion(t, need, ipBound, mp.PodIPs)
	}
	return t, nil
}

// capacityExclusion says why the node cannot hold its DaemonSets or the
// largest pod beside them, or "". ipBound says the node's podIPs, not max
// pods, set PodsLeft.
func capacityExclusion(t NodePoolType, need podNeed, ipBound bool, podIPs int) string {
	switch {
	case t.PodsLeft < 1 && ipBound:
		return fmt.Sprintf("the VPC CNI gives it %s, and the %d DaemonSet pods not on the host network leave none for other pods (host-network pods take no pod IP)",
			counted(podIPs, "pod IP", "pod IPs"), need.dsPodIPs)
	case t.PodsLeft < 1:
		return fmt.Sprintf("max pods %d leaves no pod beside the %d DaemonSet pods", t.MaxPods, need.dsPods)
	case t.CPULeftMillicores < 0 || t.MemoryLeftMiB < 0:
		return fmt.Sprintf("the DaemonSets request %dm CPU and %dMi memory, more than the %dm and %dMi allocatable",
			need.dsCPU, need.dsMemMiB, t.Karpenter.AllocatableCPUMillicores, t.Karpenter.AllocatableMemoryMiB)
	case need.haveLargest && (t.CPULeftMillicores < need.bigCPU || t.MemoryLeftMiB < need.bigMemMiB):
		return fmt.Sprintf("the largest pod (%dm CPU, %dMi memory) does not fit the %dm and %dMi left beside the DaemonSets",
			need.bigCPU, need.bigMemMiB, t.CPULeftMillicores, t.MemoryLeftMiB)
	}
	return ""
}

// nodeClasses groups the kept types by the max pods they need, largest first.
func nodeClasses(ts []NodePoolType) []NodeClass {
	byMax := map[int]*NodeClass{}
	for _, t := range ts {
		if t.Excluded != "" {
			continue
		}
		c, ok := byMax[t.MaxPods]
		if !ok {
			c = &NodeClass{MaxPods: t.MaxPods}
			byMax[t.MaxPods] = c
		}
		c.InstanceTypes = append(c.InstanceTypes, t.InstanceType)
		if t.KarpenterPods != t.MaxPods {
			c.SetMaxPods = true
		}
	}
	var out []NodeClass
	for _, k := range slices.Sorted(maps.Keys(byMax)) {
		out = append(out, *byMax[k])
	}
	slices.Reverse(out)
	return out
}
