package sizing

import (
	"fmt"
	"math"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// AMI families a node configuration is rendered for.
const (
	AMIFamilyAL2023       = "al2023"
	AMIFamilyAL2          = "al2"
	AMIFamilyBottlerocket = "bottlerocket"
)

// Kube-reserved memory bases: which pods count P goes into 11 x P + 255 MiB.
const (
	// BasisMaxPods uses the max pods kubelet is configured with, as
	// Bottlerocket (from settings.kubernetes.max-pods) does, and Karpenter for
	// Bottlerocket and Windows (UsesENILimitedMemoryOverhead false).
	BasisMaxPods = "max_pods"
	// BasisENI uses eni_max_pods, as AL2's bootstrap.sh (eni-max-pods.txt,
	// whatever --use-max-pods says), nodeadm (its own ENI max pods, before a
	// kubelet.config maxPods is merged in) and Karpenter for AL2 and AL2023
	// (ENILimitedPods with no reserved ENIs) do.
	BasisENI = "eni"
)

// DefaultKubeReservedBasis is the basis that mirrors what the AMI family's
// own bootstrap reserves when it is left to compute kube-reserved: "eni" for
// al2023 (nodeadm) and al2 (bootstrap.sh), "max_pods" for bottlerocket.
func DefaultKubeReservedBasis(amiFamily string) string {
	if amiFamily == AMIFamilyBottlerocket {
		return BasisMaxPods
	}
	return BasisENI
}

// Defaults of the node resource inputs.
const (
	DefaultRootVolumeGiB           = 20    // Karpenter's and the EKS AMIs' default volume size
	DefaultVMMemoryOverheadPercent = 0.075 // Karpenter's VM_MEMORY_OVERHEAD_PERCENT
	DefaultAttachedENIs            = 1
	// Arm64MemoryReserveMiB is the CMA memory Karpenter subtracts on Graviton.
	Arm64MemoryReserveMiB = 64
	// KubeReservedMemoryPerPodMiB and KubeReservedMemoryBaseMiB are the
	// 11 x pods + 255 MiB of nodeadm, bootstrap.sh, Bottlerocket and Karpenter.
	KubeReservedMemoryPerPodMiB = 11
	KubeReservedMemoryBaseMiB   = 255
	// KubeReservedEphemeralGiB is the kube-reserved ephemeral-storage they all use.
	KubeReservedEphemeralGiB = 1
	maxRootVolumeGiB         = 65536 // the EBS maximum, 64 TiB
)

// Field names of the node resource inputs.
const (
	FieldAMIFamily                 = "ami_family"
	FieldMaxPods                   = "max_pods"
	FieldKubeReservedBasis         = "kube_reserved_basis"
	FieldKubeReserved              = "kube_reserved"
	FieldSystemReserved            = "system_reserved"
	FieldRootVolumeSize            = "root_volume_size"
	FieldVMMemoryOverheadPercent   = "vm_memory_overhead_percent"
	FieldExtraEBSVolumes           = "extra_ebs_volumes"
	FieldAttachedNetworkInterfaces = "attached_network_interfaces"
)

// ReservedInput is a kube_reserved or system_reserved override: Kubernetes
// quantities, each nil when not given.
type ReservedInput struct {
	CPU              *string
	Memory           *string
	EphemeralStorage *string
}

// NodeResourcesInput is everything ekssize_node_config is asked. The zero
// value of every field but Instance is its default.
type NodeResourcesInput struct {
	Instance   ec2data.Instance
	Networking Networking
	// AMIFamily is "al2023" (default), "al2" or "bottlerocket".
	AMIFamily string
	// MaxPods is kubelet's maxPods; nil means the MaxPods result.
	MaxPods *int
	// MaxPodsExpression is nodeadm's maxPodsExpression (AL2023 only); when
	// set, max pods is what nodeadm computes from it (NodeadmMaxPods).
	MaxPodsExpression *string
	// KubeReservedBasis is "max_pods" or "eni"; "" = DefaultKubeReservedBasis
	// of the AMI family.
	KubeReservedBasis string
	KubeReserved      ReservedInput
	SystemReserved    ReservedInput
	// EvictionHard overrides or adds hard eviction thresholds.
	EvictionHard map[string]string
	// RootVolumeGiB is the volume kubelet's nodefs lives on (the root volume;
	// the data volume on Bottlerocket); nil means 20.
	RootVolumeGiB *int
	// VMMemoryOverheadPercent is Karpenter's fraction of memory lost to the
	// hypervisor and kernel; nil means 0.075.
	VMMemoryOverheadPercent *float64
	// ExtraEBSVolumes is the EBS volumes attached at boot besides the root volume.
	ExtraEBSVolumes int
	// AttachedNetworkInterfaces is the ENIs attached at steady state; nil means 1.
	AttachedNetworkInterfaces *int
}

// Reserved is a set of reservations; a Quantity that is not set is absent.
type Reserved struct {
	CPU              Quantity // millicores
	Memory           Quantity // bytes
	EphemeralStorage Quantity // bytes
}

// IsSet reports whether any reservation is present.
func (r Reserved) IsSet() bool {
	return r.CPU.IsSet() || r.Memory.IsSet() || r.EphemeralStorage.IsSet()
}

// NodeAmounts is a node's capacity or allocatable resources.
type NodeAmounts struct {
	CPUMillicores       int64
	MemoryMiB           int64
	EphemeralStorageMiB int64
	Pods                int
}

// NodeResourcesResult is every number ekssize_node_config reports.
type NodeResourcesResult struct {
	AMIFamily string
	// MaxPods is kubelet's maxPods: the input, the computed value, or what
	// nodeadm computes from MaxPodsExpression.
	MaxPods int
	// MaxPodsExpression is the nodeadm maxPodsExpression given ("" = none);
	// KubeReservedOverrides are the kube_reserved entries the user gave, the
	// only ones a NodeConfig with an expression writes (nodeadm computes the
	// rest on each node).
	MaxPodsExpression     string
	KubeReservedOverrides Reserved
	// Computed is what ekssize_max_pods says for the instance and settings.
	Computed MaxPodsResult
	// KubeReservedBasis and KubeReservedPods say which pods count P the
	// kube-reserved memory 11 x P + 255 MiB was computed from.
	KubeReservedBasis string
	KubeReservedPods  int
	// KubeReserved is always complete (cpu, memory, ephemeral-storage).
	KubeReserved              Reserved
	KubeReservedCPUMillicores int64
	// KubeReservedMemoryMiB is rounded up to whole MiB.
	KubeReservedMemoryMiB int64
	// SystemReserved holds only what the user gave.
	SystemReserved Reserved
	// EvictionHard is the merged thresholds, defaults included, as kubelet
	// writes them ("100Mi", "10%").
	EvictionHard map[string]string
	// EvictionHardOverridden is true when the user gave eviction_hard, so node
	// configurations must write the map (the AMIs' defaults are the same as
	// DefaultEvictionHard otherwise).
	EvictionHardOverridden bool
	// Capacity and Allocatable follow Karpenter's model; allocatable memory and
	// storage are rounded down to whole MiB.
	Capacity    NodeAmounts
	Allocatable NodeAmounts
	// EBSVolumeLimit is what the EBS CSI driver advertises; 0 when the
	// instance's EBS attachment limit is unknown.
	EBSVolumeLimit int
	// KarpenterReservedENIs is the RESERVED_ENIS setting that makes
	// Karpenter's ENI-limited pods match these networking settings.
	KarpenterReservedENIs int
}

// KubeReservedCPUMillicores is the CPU nodeadm, bootstrap.sh, Bottlerocket and
// Karpenter reserve for kubelet and the container runtime: 6% of the first
// core, 1% of the second, 0.5% of the third and fourth, 0.25% of every further
// core, each band truncated to whole millicores. Integer arithmetic, as in
// nodeadm (basis points of millicores), so no float rounding can creep in.
func KubeReservedCPUMillicores(vcpus int) int64 {
	total := int64(vcpus) * 1000
	var reserved int64
	for _, band := range []struct{ start, end, basisPoints int64 }{
		{0, 1000, 600},
		{1000, 2000, 100},
		{2000, 4000, 50},
		{4000, math.MaxInt64, 25},
	} {
		if total > band.start {
			reserved += (min(total, band.end) - band.start) * band.basisPoints / 10000
		}
	}
	return reserved
}

// KubeReservedMemoryMiB is 11 x pods + 255 MiB.
func KubeReservedMemoryMiB(pods int) int64 {
	return KubeReservedMemoryPerPodMiB*int64(pods) + KubeReservedMemoryBaseMiB
}

// CapacityMemoryMiB is the memory Karpenter expects kubelet to report for an
// instance: memory MiB, minus 64 MiB on arm64, minus ceil(overhead x that).
// The float expression mirrors Karpenter's (bytes x percent / 1024 / 1024) so
// the rounding matches it exactly.
func CapacityMemoryMiB(memoryMiB int, arch string, overhead float64) int64 {
	mib := int64(memoryMiB)
	if arch == "arm64" {
		mib -= Arm64MemoryReserveMiB
	}
	return mib - int64(math.Ceil(float64(mib*mebi)*overhead/1024/1024))
}

// EBSVolumeLimit mirrors the EBS CSI driver's volume attach limit for a node:
// the type's attachment limit, minus the root volume and the extra volumes
// attached at boot, and for types whose limit is shared with ENIs, minus the
// ENIs beyond the first; never below 1. It returns 0 when the instance's limit
// is unknown.
func EBSVolumeLimit(inst ec2data.Instance, extraVolumes, attachedENIs int) int {
	if inst.EBSMaxAttachments <= 0 {
		return 0
	}
	return max(ebsRaw(inst, extraVolumes, attachedENIs), 1)
}

func ebsRaw(inst ec2data.Instance, extraVolumes, attachedENIs int) int {
	limit := inst.EBSMaxAttachments - 1 - extraVolumes
	if inst.EBSAttachmentType == ec2data.EBSShared {
		limit -= attachedENIs - 1
	}
	return limit
}

// KarpenterReservedENIs is the RESERVED_ENIS value that makes Karpenter's
// ENI-limited pods count (ENIs - RESERVED_ENIS) x (IPv4 per ENI - 1) + 2 match
// these settings: one for custom networking (the primary ENI stays in the node
// subnet), one for the trunk ENI of security groups for pods, plus
// reserved_enis. max_eni is left out: RESERVED_ENIS is one number for every
// instance type, while max_eni's effect depends on the type.
func KarpenterReservedENIs(n Networking) int {
	k := n.ReservedENIs
	if n.CustomNetworking {
		k++
	}
	if n.SecurityGroupsForPods {
		k++
	}
	return k
}

// NodeResources answers "what must kubelet be told, and what is left for my
// pods" for one instance type:
//
//   - kube-reserved: CPU by KubeReservedCPUMillicores, memory 11 x P + 255 MiB
//     (P by kube_reserved_basis), ephemeral-storage 1Gi, each replaceable;
//   - eviction thresholds: memory.available 100Mi, nodefs.available 10%,
//     nodefs.inodesFree 5%, merged with the overrides;
//   - capacity and allocatable as Karpenter models them (AL2023 defaults);
//   - the EBS CSI driver's volume limit and Karpenter's RESERVED_ENIS.
//
// Where the tools differ, allocatable mirrors Karpenter and kube-reserved
// mirrors the AMI family's own bootstrap (DefaultKubeReservedBasis): nodeadm
// for al2023 (m5.4xlarge: 11 x 234 + 255 = 2829Mi, though max pods is 110),
// bootstrap.sh for al2, Bottlerocket for bottlerocket.
func NodeResources(in NodeResourcesInput) (NodeResourcesResult, []Warning, error) {
	var res NodeResourcesResult
	var warns []Warning
	inst := in.Instance

	res.AMIFamily = or(in.AMIFamily, AMIFamilyAL2023)
	if err := oneOf(FieldAMIFamily, res.AMIFamily, AMIFamilyAL2023, AMIFamilyAL2, AMIFamilyBottlerocket); err != nil {
		return res, nil, err
	}
	res.KubeReservedBasis = or(in.KubeReservedBasis, DefaultKubeReservedBasis(res.AMIFamily))
	if err := oneOf(FieldKubeReservedBasis, res.KubeReservedBasis, BasisMaxPods, BasisENI); err != nil {
		return res, nil, err
	}
	if err := checkMaxPodsExpression(in, res.AMIFamily, in.KubeReservedBasis); err != nil {
		return res, nil, err
	}
	// On a managed node group without a custom AMI EKS's max pods overrides the
	// user's (launchpath.go), except on Bottlerocket, where the launch template
	// page says settings.kubernetes.max-pods in the user data is applied.
	managed := in.Networking.LaunchPath == LaunchManaged && res.AMIFamily != AMIFamilyBottlerocket
	if in.MaxPodsExpression != nil && !managed {
		// nodeadm reserves kube-reserved memory for the expression's result.
		res.KubeReservedBasis = BasisMaxPods
	}
	net, err := in.Networking.Validate()
	if err != nil {
		return res, nil, err
	}
	if net.OS == OSWindows {
		return res, nil, inputErr(FieldOS, "os = \"windows\" cannot be used with ami_family = %q: %s is a Linux AMI and ekssize_node_config renders Linux node configurations only; use os = \"linux\", or ekssize_max_pods for Windows nodes", res.AMIFamily, amiFamilyName(res.AMIFamily))
	}
	if in.MaxPods != nil && *in.MaxPods < 1 {
		return res, nil, inputErr(FieldMaxPods, "max_pods is %d; it must be at least 1, or left unset to use the computed max pods", *in.MaxPods)
	}
	rootGiB := DefaultRootVolumeGiB
	if in.RootVolumeGiB != nil {
		rootGiB = *in.RootVolumeGiB
		if rootGiB < 1 || rootGiB > maxRootVolumeGiB {
			return res, nil, inputErr(FieldRootVolumeSize, "root_volume_size is %d; it must be between 1 and %d GiB (the EBS volume kubelet's nodefs is on)", rootGiB, maxRootVolumeGiB)
		}
	}
	overhead := DefaultVMMemoryOverheadPercent
	if in.VMMemoryOverheadPercent != nil {
		overhead = *in.VMMemoryOverheadPercent
		if math.IsNaN(overhead) || overhead < 0 || overhead >= 1 {
			return res, nil, inputErr(FieldVMMemoryOverheadPercent, "vm_memory_overhead_percent is %v; it is a fraction from 0 up to (not including) 1, such as 0.075 for 7.5%% (Karpenter's VM_MEMORY_OVERHEAD_PERCENT)", overhead)
		}
	}
	if in.ExtraEBSVolumes < 0 {
		return res, nil, inputErr(FieldExtraEBSVolumes, "extra_ebs_volumes is %d; it must be 0 or more (EBS volumes attached at boot besides the root volume)", in.ExtraEBSVolumes)
	}
	attached := DefaultAttachedENIs
	if in.AttachedNetworkInterfaces != nil {
		attached = *in.AttachedNetworkInterfaces
		if attached < 1 {
			return res, nil, inputErr(FieldAttachedNetworkInterfaces, "attached_network_interfaces is %d; it must be at least 1 (the primary ENI)", attached)
		}
		if inst.TotalENIs > 0 && attached > inst.TotalENIs {
			return res, nil, inputErr(FieldAttachedNetworkInterfaces, "attached_network_interfaces is %d, but %s takes at most %d ENIs", attached, instName(inst), inst.TotalENIs)
		}
	}
	kubeOverride, err := parseReserved(FieldKubeReserved, in.KubeReserved)
	if err != nil {
		return res, nil, err
	}
	res.KubeReservedOverrides = kubeOverride
	res.SystemReserved, err = parseReserved(FieldSystemReserved, in.SystemReserved)
	if err != nil {
		return res, nil, err
	}
	eviction, err := resolveEvictionHard(in.EvictionHard)
	if err != nil {
		return res, nil, err
	}

	if !inst.HasVCPUs() {
		if inst.Custom {
			return res, nil, inputErr(FieldInstanceVCPUs, "node resources need the vCPU count; give instance.vcpus")
		}
		return res, nil, inputErr(FieldInstanceType, "the vCPU count of %s is unknown to the embedded instance table, so kube-reserved CPU and allocatable cannot be computed; pick another type or describe it with the instance object", inst.Name)
	}
	if !inst.HasMemory() {
		if inst.Custom {
			return res, nil, inputErr(FieldInstanceMemorySize, "node resources need the memory size; give instance.memory_size (MiB, memory_size of data.aws_ec2_instance_type)")
		}
		return res, nil, inputErr(FieldInstanceType, "the memory size of %s is unknown to the embedded instance table, so allocatable memory cannot be computed; pick another type", inst.Name)
	}

	mp, mpWarns, err := maxPodsResolved(inst, net)
	if err != nil {
		return res, nil, err
	}
	warns = append(warns, mpWarns...)
	res.Computed = mp
	res.MaxPods = mp.MaxPods
	if managed {
		// EKS writes max pods over the user's (launchpath.go).
		for _, ign := range []struct {
			set         bool
			field, what string
		}{
			{in.MaxPods != nil, FieldMaxPods, "max_pods"},
			{in.MaxPodsExpression != nil, FieldMaxPodsExpression, "max_pods_expression (maxPodsExpression)"},
		} {
			if ign.set {
				warns = append(warns, Warning{
					Field:   ign.field,
					Summary: ign.what + " is ignored on a managed node group",
					Detail: fmt.Sprintf("launch_path = %q: EKS writes max pods (%d for %s) into the node's user data, and it takes precedence over any other maxPods configuration, maxPodsExpression included (EKS User Guide, \"How maxPods is determined\"). max_pods, kube-reserved and allocatable here use EKS's value. Use launch_path = %q (a launch template with a custom AMI) to set your own.",
						LaunchManaged, mp.MaxPods, instName(inst), LaunchManagedCustomAMI),
				})
			}
		}
	}
	if in.MaxPods != nil && !managed {
		res.MaxPods = *in.MaxPods
		if res.MaxPods > mp.MaxPodsUncapped {
			warns = append(warns, Warning{
				Field:   FieldMaxPods,
				Summary: "max_pods is more than the pod IPs this node can get",
				Detail: fmt.Sprintf("max_pods is %d, but %s gets at most %d pods' worth of IPs under these networking settings (%s). Pods beyond that are scheduled and then stay in ContainerCreating, waiting for an IP.",
					res.MaxPods, instName(inst), mp.MaxPodsUncapped, mp.Formula),
			})
		}
	}
	if in.MaxPodsExpression != nil && !managed {
		v, w, err := nodeadmMaxPodsForNode(inst, *in.MaxPodsExpression, in.Networking)
		if err != nil {
			return res, nil, err
		}
		warns = append(warns, w...)
		res.MaxPods, res.MaxPodsExpression = v, *in.MaxPodsExpression
	}

	// Kube-reserved, mirroring nodeadm: cpu from the vCPU count, memory from
	// a pods count, ephemeral-storage 1Gi; each override replaces its value
	// (Karpenter's kubeReserved merges the same way).
	res.KubeReservedPods = res.MaxPods
	if res.KubeReservedBasis == BasisENI {
		res.KubeReservedPods = mp.ENIMaxPods
		if !kubeOverride.Memory.IsSet() && res.KubeReservedPods < res.MaxPods {
			warns = append(warns, Warning{
				Field:   FieldKubeReservedBasis,
				Summary: "kube-reserved memory is sized for fewer pods than max_pods",
				Detail: fmt.Sprintf("kube_reserved_basis = \"eni\" (the default for AL2023 and AL2) reserves 11 x %d + 255 = %d MiB (eni_max_pods %d, as nodeadm, AL2 bootstrap.sh and Karpenter on those AMIs do), but kubelet allows %d pods, which would need %d MiB. Use kube_reserved_basis = \"max_pods\" to reserve for the pods the node can run.",
					res.KubeReservedPods, KubeReservedMemoryMiB(res.KubeReservedPods), mp.ENIMaxPods, res.MaxPods, KubeReservedMemoryMiB(res.MaxPods)),
			})
		}
	}
	res.KubeReserved = Reserved{
		CPU:              MilliCPU(KubeReservedCPUMillicores(inst.VCPUs)),
		Memory:           MebiBytes(KubeReservedMemoryMiB(res.KubeReservedPods)),
		EphemeralStorage: GibiBytes(KubeReservedEphemeralGiB),
	}
	if kubeOverride.CPU.IsSet() {
		res.KubeReserved.CPU = kubeOverride.CPU
	}
	if kubeOverride.Memory.IsSet() {
		res.KubeReserved.Memory = kubeOverride.Memory
	}
	if kubeOverride.EphemeralStorage.IsSet() {
		res.KubeReserved.EphemeralStorage = kubeOverride.EphemeralStorage
	}
	res.KubeReservedCPUMillicores = res.KubeReserved.CPU.Value
	res.KubeReservedMemoryMiB = res.KubeReserved.Memory.MiB()

	res.EvictionHard = make(map[string]string, len(eviction))
	for k, t := range eviction {
		res.EvictionHard[k] = t.Text()
	}
	res.EvictionHardOverridden = len(in.EvictionHard) > 0

	// Capacity and allocatable, Karpenter's model.
	capMemMiB := CapacityMemoryMiB(inst.MemoryMiB, inst.Arch, overhead)
	res.Capacity = NodeAmounts{
		CPUMillicores:       int64(inst.VCPUs) * 1000,
		MemoryMiB:           capMemMiB,
		EphemeralStorageMiB: int64(rootGiB) * 1024,
		Pods:                res.MaxPods,
	}
	capMem := capMemMiB * mebi
	capStorage := int64(rootGiB) * gibi
	sys := res.SystemReserved
	allocCPU := res.Capacity.CPUMillicores - res.KubeReserved.CPU.Value - sys.CPU.Value
	allocMem := capMem - res.KubeReserved.Memory.Value - sys.Memory.Value - eviction[SignalMemoryAvailable].Of(capMem)
	allocStorage := capStorage - eviction[SignalNodeFSAvailable].Of(capStorage) - res.KubeReserved.EphemeralStorage.Value - sys.EphemeralStorage.Value
	clamp := func(v int64, resource, unit string, capacity int64) int64 {
		if v >= 0 {
			return v
		}
		// kubelet clamps a negative allocatable to zero; so do we, loudly.
		warns = append(warns, Warning{
			Field:   overrideField(in),
			Summary: fmt.Sprintf("No allocatable %s is left", resource),
			Detail: fmt.Sprintf("kube-reserved, system-reserved and the eviction threshold add up to more than the node's %s capacity (%d %s), so allocatable %s is 0 and no pod that requests %s can be scheduled on %s.",
				resource, capacity, unit, resource, resource, instName(inst)),
		})
		return 0
	}
	res.Allocatable = NodeAmounts{
		CPUMillicores:       clamp(allocCPU, "CPU", "millicores", res.Capacity.CPUMillicores),
		MemoryMiB:           clamp(allocMem, "memory", "MiB", capMemMiB) / mebi,
		EphemeralStorageMiB: clamp(allocStorage, "ephemeral storage", "MiB", res.Capacity.EphemeralStorageMiB) / mebi,
		Pods:                res.MaxPods,
	}

	res.EBSVolumeLimit = EBSVolumeLimit(inst, in.ExtraEBSVolumes, attached)
	if inst.EBSMaxAttachments > 0 && ebsRaw(inst, in.ExtraEBSVolumes, attached) < 1 {
		warns = append(warns, Warning{
			Field:   FieldExtraEBSVolumes,
			Summary: "No EBS attachment slot is left for persistent volumes",
			Detail: fmt.Sprintf("%s has %d %s EBS attachment slots; the root volume, %s and %s use them all. The EBS CSI driver still advertises 1, but attaching a volume will fail.",
				instName(inst), inst.EBSMaxAttachments, inst.EBSAttachmentType, counted(in.ExtraEBSVolumes, "extra volume", "extra volumes"),
				counted(attached, "attached ENI", "attached ENIs")),
		})
	}
	res.KarpenterReservedENIs = KarpenterReservedENIs(net.Networking)
	return res, warns, nil
}

// parseReserved parses a kube_reserved or system_reserved override.
func parseReserved(field string, in ReservedInput) (Reserved, error) {
	var r Reserved
	var err error
	if in.CPU != nil {
		if r.CPU, err = ParseCPU(field+".cpu", *in.CPU); err != nil {
			return r, err
		}
	}
	if in.Memory != nil {
		if r.Memory, err = ParseBytes(field+".memory", *in.Memory); err != nil {
			return r, err
		}
	}
	if in.EphemeralStorage != nil {
		if r.EphemeralStorage, err = ParseBytes(field+".ephemeral_storage", *in.EphemeralStorage); err != nil {
			return r, err
		}
	}
	return r, nil
}

// overrideField picks the input most likely to blame for an exhausted
// resource: the user's own reservations first, then the instance type.
func overrideField(in NodeResourcesInput) string {
	switch {
	case in.SystemReserved != ReservedInput{}:
		return FieldSystemReserved
	case in.KubeReserved != ReservedInput{}:
		return FieldKubeReserved
	case len(in.EvictionHard) > 0:
		return FieldEvictionHard
	case in.MaxPods != nil:
		return FieldMaxPods
	}
	return FieldInstanceType
}

func instName(inst ec2data.Instance) string {
	if inst.Custom {
		return "the described instance"
	}
	return inst.Name
}

func amiFamilyName(f string) string {
	switch f {
	case AMIFamilyAL2:
		return "Amazon Linux 2"
	case AMIFamilyBottlerocket:
		return "Bottlerocket"
	}
	return "Amazon Linux 2023"
}
