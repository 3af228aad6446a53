package sizing

import (
	"fmt"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// Karpenter (karpenter-provider-aws v1.14.0, pkg/providers/instancetype/types.go)
// decides a node's pods and overhead before it launches the node, from its own
// rules rather than the VPC CNI's:
//
//   - pods: spec.kubelet.maxPods if set; otherwise ENILimitedPods with
//     RESERVED_ENIS, (default-card ENIs - RESERVED_ENIS) x (IPv4 per ENI - 1) + 2,
//     which is 0 (not 2) once RESERVED_ENIS takes every ENI; then
//     min(podsPerCore x vCPUs, pods), except on Bottlerocket, whose family
//     ignores podsPerCore (FeatureFlags.PodsPerCoreEnabled is false). Prefix
//     delegation is never considered unless maxPods is set.
//   - kube-reserved memory 11 x P + 255 MiB: on AL2023 and AL2
//     (UsesENILimitedMemoryOverhead) P is ENILimitedPods with no reserved ENIs,
//     whatever maxPods says; on Bottlerocket P is the final pods count above.
//   - kube-reserved CPU as nodeadm's bands; eviction memory 100Mi; capacity
//     memory minus 64 MiB on arm64 and VM_MEMORY_OVERHEAD_PERCENT (0.075).
//
// internal/sizing/testdata/karpenter-v1.14.0.tsv holds what Karpenter's own
// NewInstanceType returns for every table type under 12 settings (make
// karpenter-reference); TestKarpenterNodeMatchesKarpenter compares every row.

// KarpenterInput is what an EC2NodeClass and Karpenter's settings say about a
// node's pods and overhead.
type KarpenterInput struct {
	Instance ec2data.Instance
	// AMIFamily is "al2023" (default), "al2" or "bottlerocket".
	AMIFamily string
	// ReservedENIs is Karpenter's RESERVED_ENIS setting.
	ReservedENIs int
	// MaxPods and PodsPerCore are spec.kubelet.maxPods and podsPerCore; nil
	// when not set.
	MaxPods     *int
	PodsPerCore *int
	// VMMemoryOverheadPercent is VM_MEMORY_OVERHEAD_PERCENT; nil means 0.075.
	VMMemoryOverheadPercent *float64
}

// KarpenterNode is what Karpenter computes for a node before launching it.
type KarpenterNode struct {
	// Pods is the pods capacity Karpenter schedules against.
	Pods int
	// ENILimitedPods is ENILimitedPods with RESERVED_ENIS.
	ENILimitedPods int
	// KubeReservedPods is the P of kube-reserved memory 11 x P + 255 MiB.
	KubeReservedPods          int
	KubeReservedCPUMillicores int64
	KubeReservedMemoryMiB     int64
	EvictionMemoryMiB         int64
	CapacityMemoryMiB         int64
	AllocatableCPUMillicores  int64
	AllocatableMemoryMiB      int64
}

// karpenterENILimitedPods is Karpenter's ENILimitedPods.
func karpenterENILimitedPods(inst ec2data.Instance, reservedENIs int) int {
	usable := inst.DefaultCardENIs - reservedENIs
	if usable <= 0 {
		return 0
	}
	return inst.PodsOnENIs(usable, 1)
}

// KarpenterNodeOf computes what Karpenter v1.14 computes for the instance.
func KarpenterNodeOf(in KarpenterInput) (KarpenterNode, error) {
	inst := in.Instance
	family := or(in.AMIFamily, AMIFamilyAL2023)
	if err := oneOf(FieldAMIFamily, family, AMIFamilyAL2023, AMIFamilyAL2, AMIFamilyBottlerocket); err != nil {
		return KarpenterNode{}, err
	}
	if !inst.HasVCPUs() || !inst.HasMemory() {
		return KarpenterNode{}, inputErr(FieldInstanceType, "%s has no vCPU count or memory size in the embedded table; Karpenter needs both (describe the type with the instance object)", instName(inst))
	}
	if in.ReservedENIs < 0 {
		return KarpenterNode{}, inputErr(fieldReservedENIs, "reserved_enis is %d; it must be 0 or more (Karpenter's RESERVED_ENIS)", in.ReservedENIs)
	}
	overhead := defaultVMMemoryOverheadPercent
	if in.VMMemoryOverheadPercent != nil {
		overhead = *in.VMMemoryOverheadPercent
	}
	var n KarpenterNode
	n.ENILimitedPods = karpenterENILimitedPods(inst, in.ReservedENIs)
	n.Pods = n.ENILimitedPods
	if in.MaxPods != nil {
		n.Pods = *in.MaxPods
	}
	if in.PodsPerCore != nil && *in.PodsPerCore > 0 && family != AMIFamilyBottlerocket {
		n.Pods = min(*in.PodsPerCore*inst.VCPUs, n.Pods)
	}
	n.KubeReservedPods = karpenterENILimitedPods(inst, 0)
	if family == AMIFamilyBottlerocket {
		n.KubeReservedPods = n.Pods
	}
	n.KubeReservedCPUMillicores = kubeReservedCPUMillicores(inst.VCPUs)
	n.KubeReservedMemoryMiB = kubeReservedMemoryMiB(n.KubeReservedPods)
	n.EvictionMemoryMiB = defaultEvictionMemoryMiB
	n.CapacityMemoryMiB = capacityMemoryMiB(inst.MemoryMiB, inst.Arch, overhead)
	n.AllocatableCPUMillicores = int64(inst.VCPUs)*1000 - n.KubeReservedCPUMillicores
	n.AllocatableMemoryMiB = n.CapacityMemoryMiB - n.KubeReservedMemoryMiB - n.EvictionMemoryMiB
	return n, nil
}

// defaultEvictionMemoryMiB is the memory.available hard eviction threshold
// Karpenter (and the EKS AMIs) use by default.
const defaultEvictionMemoryMiB = 100

func (n KarpenterNode) String() string {
	return fmt.Sprintf("pods %d (ENI-limited %d), kube-reserved %dm/%dMi (P=%d), allocatable %dm/%dMi",
		n.Pods, n.ENILimitedPods, n.KubeReservedCPUMillicores, n.KubeReservedMemoryMiB, n.KubeReservedPods,
		n.AllocatableCPUMillicores, n.AllocatableMemoryMiB)
}
