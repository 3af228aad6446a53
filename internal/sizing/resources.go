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
	defaultRootVolumeGiB           = 20    // Karpenter's and the EKS AMIs' default volume size
	defaultVMMemoryOverheadPercent = 0.075 // Karpenter's VM_MEMORY_OVERHEAD_PERCENT
	defaultAttachedENIs            = 1
	// arm64MemoryReserveMiB is the CMA memory Karpenter subtracts on Graviton.
	arm64MemoryReserveMiB = 64
	// kubeReservedMemoryPerPodMiB and kubeReservedMemoryBaseMiB are the
	// 11 x pods + 255 MiB of nodeadm, bootstrap.sh, Bottlerocket and Karpenter.
	kubeReservedMemoryPerPodMiB = 11
	kubeReservedMemoryBaseMiB   = 255
	// kubeReservedEphemeralGiB is the kube-reserved ephemeral-storage they all use.
	kubeReservedEphemeralGiB = 1
	maxRootVolumeGiB         = 65536 // the EBS maximum, 64 TiB
)

// Field names of the node resource inputs.
const (
	FieldAMIFamily                 = "ami_family"
	FieldMaxPods                   = "max_pods"
	FieldKubeReservedBasis         = "kube_reserved_basis"
	FieldKubeReserved              = "kube_reserved"
	fieldSystemReserved            = "system_reserved"
	fieldRootVolumeSize            = "root_volume_size"
	fieldVMMemoryOverheadPercent   = "vm_memory_overhead_percent"
	fieldExtraEBSVolumes           = "extra_ebs_volumes"
	fieldAttachedNetworkInterfaces = "attached_network_interfaces"
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
	// defaultEvictionHard otherwise).
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

// kubeReservedCPUMillicores is the CPU nodeadm, bootstrap.sh, Bottlerocket and
// Karpenter reserve for kubelet and the container runtime: 6% of the first
// core, 1% of the second, 0.5% of the third and fourth, 0.25% of every further
// core, each band truncated to whole millicores. Integer arithmetic, as in
// nodeadm (basis points of millicores), so no float rounding can creep in.
func kubeReservedCPUMillicores(vcpus int) int64 {
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

// kubeReservedMemoryMiB is 11 x pods + 255 MiB.
func kubeReservedMemoryMiB(pods int) int64 {
	return kubeReservedMemoryPerPodMiB*int64(pods) + kubeReservedMemoryBaseMiB
}

// capacityMemoryMiB is the memory Karpenter expects kubelet to report for an
// instance: memory MiB, minus 64 MiB on arm64, minus ceil(overhead x that).
// The float expression mirrors Karpenter's (bytes x percent / 1024 / 1024) so
// the rounding matches it exactly.
func capacityMemoryMiB(memoryMiB int, arch string, overhead float64) int64 {
	mib := int64(memoryMiB)
	if arch == "arm64" {
		mib -= arm64MemoryReserveMiB
	}
	return mib - int64(math.Ceil(float64(mib*mebi)*overhead/1024/1024))
}

// ebsVolumeLimit mirrors the EBS CSI driver's volume attach limit for a node:
// the type's attachment limit, minus the root volume and the extra volumes
// attached at boot, and for types whose limit is shared with ENIs, minus the
// ENIs beyond the first; never below 1. It returns 0 when the instance's limit
// is unknown.
func ebsVolumeLimit(inst ec2data.Instance, extraVolumes, attachedENIs int) int {
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

// karpenterReservedENIs is the RESERVED_ENIS value that makes Karpenter's
// ENI-limited pods count (ENIs - RESERVED_ENIS) x (IPv4 per ENI - 1) + 2 match
// these settings: one for custom networking (the primary ENI stays in the node
// subnet), one for the trunk ENI of security groups for pods, plus
// reserved_enis. max_eni is left out: RESERVED_ENIS is one number for every
// instance type, while max_eni's effect depends on the type.
func karpenterReservedENIs(n Networking) int {
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
//   - kube-reserved: CPU by kubeReservedCPUMillicores, memory 11 x P + 255 MiB
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
	settings, err := checkNodeResources(in)
	if err != nil {
		return NodeResourcesResult{}, nil, err
	}
	computed, warns, err := maxPodsResolved(in.Instance, settings.net)
	if err != nil {
		return NodeResourcesResult{}, nil, err
	}
	res := NodeResourcesResult{
		AMIFamily:         settings.amiFamily,
		KubeReservedBasis: settings.basis,
		Computed:          computed,
		MaxPods:           computed.MaxPods,
		SystemReserved:    settings.systemReserved,
		// The kube_reserved entries given: the only ones a NodeConfig with a
		// maxPodsExpression writes (nodeadm computes the rest on each node).
		KubeReservedOverrides: settings.kubeOverride,
	}
	managed := managedOverridesUser(in, settings.amiFamily)
	if managed {
		warns = append(warns, managedIgnoresUser(in, computed)...)
	}
	if in.MaxPods != nil && !managed {
		res.MaxPods = *in.MaxPods
		warns = append(warns, maxPodsAbovePodIPs(in.Instance, res.MaxPods, computed)...)
	}
	if in.MaxPodsExpression != nil && !managed {
		nodeadmMaxPods, nodeadmWarns, err := nodeadmMaxPodsForNode(in.Instance, *in.MaxPodsExpression, in.Networking)
		if err != nil {
			return NodeResourcesResult{}, nil, err
		}
		warns = append(warns, nodeadmWarns...)
		res.MaxPods, res.MaxPodsExpression = nodeadmMaxPods, *in.MaxPodsExpression
	}
	warns = append(warns, res.setKubeReserved(in.Instance, settings)...)
	res.EvictionHard = make(map[string]string, len(settings.eviction))
	for signal, limit := range settings.eviction {
		res.EvictionHard[signal] = limit.Text()
	}
	res.EvictionHardOverridden = len(in.EvictionHard) > 0
	warns = append(warns, res.setCapacityAndAllocatable(in, settings)...)
	res.EBSVolumeLimit = ebsVolumeLimit(in.Instance, in.ExtraEBSVolumes, settings.attachedENIs)
	warns = append(warns, noEBSSlotLeft(in.Instance, in.ExtraEBSVolumes, settings.attachedENIs)...)
	res.KarpenterReservedENIs = karpenterReservedENIs(settings.net.Networking)
	return res, warns, nil
}

// nodeResourceSettings is a NodeResourcesInput checked, with its defaults
// filled in and its quantities parsed.
type nodeResourceSettings struct {
	amiFamily, basis string
	net              Resolved
	rootGiB          int
	memoryOverhead   float64
	attachedENIs     int
	kubeOverride     Reserved
	systemReserved   Reserved
	eviction         map[string]threshold
}

// checkNodeResources checks every input in the order a user reads them, then
// that the instance's vCPUs and memory are known.
func checkNodeResources(in NodeResourcesInput) (nodeResourceSettings, error) {
	settings, err := checkNodeResourceChoices(in)
	if err != nil {
		return settings, err
	}
	if err := settings.checkAmounts(in); err != nil {
		return settings, err
	}
	if settings.kubeOverride, err = parseReserved(FieldKubeReserved, in.KubeReserved); err != nil {
		return settings, err
	}
	if settings.systemReserved, err = parseReserved(fieldSystemReserved, in.SystemReserved); err != nil {
		return settings, err
	}
	if settings.eviction, err = resolveEvictionHard(in.EvictionHard); err != nil {
		return settings, err
	}
	return settings, requireVCPUsAndMemory(in.Instance)
}

// checkNodeResourceChoices checks the enumerated inputs: AMI family,
// kube-reserved basis and the networking settings.
func checkNodeResourceChoices(in NodeResourcesInput) (nodeResourceSettings, error) {
	settings := nodeResourceSettings{
		amiFamily: or(in.AMIFamily, AMIFamilyAL2023),
	}
	settings.basis = or(in.KubeReservedBasis, DefaultKubeReservedBasis(settings.amiFamily))
	if err := oneOf(FieldAMIFamily, settings.amiFamily, AMIFamilyAL2023, AMIFamilyAL2, AMIFamilyBottlerocket); err != nil {
		return settings, err
	}
	if err := oneOf(FieldKubeReservedBasis, settings.basis, BasisMaxPods, BasisENI); err != nil {
		return settings, err
	}
	if err := checkMaxPodsExpression(in, settings.amiFamily, in.KubeReservedBasis); err != nil {
		return settings, err
	}
	if in.MaxPodsExpression != nil && !managedOverridesUser(in, settings.amiFamily) {
		// nodeadm reserves kube-reserved memory for the expression's result.
		settings.basis = BasisMaxPods
	}
	var err error
	if settings.net, err = in.Networking.Validate(); err != nil {
		return settings, err
	}
	if err := checkAutoModeNodeResources(in.Networking); err != nil {
		return settings, err
	}
	if settings.net.OS == osWindows {
		return settings, inputErr(fieldOS, "os = \"windows\" cannot be used with ami_family = %q: %s is a Linux AMI and ekssize_node_config renders Linux node configurations only; use os = \"linux\", or ekssize_max_pods for Windows nodes", settings.amiFamily, amiFamilyName(settings.amiFamily))
	}
	return settings, nil
}

// checkAmounts checks the numeric inputs and fills in their defaults.
func (settings *nodeResourceSettings) checkAmounts(in NodeResourcesInput) error {
	if in.MaxPods != nil && *in.MaxPods < 1 {
		return inputErr(FieldMaxPods, "max_pods is %d; it must be at least 1, or left unset to use the computed max pods", *in.MaxPods)
	}
	settings.rootGiB = defaultRootVolumeGiB
	if in.RootVolumeGiB != nil {
		settings.rootGiB = *in.RootVolumeGiB
		if settings.rootGiB < 1 || settings.rootGiB > maxRootVolumeGiB {
			return inputErr(fieldRootVolumeSize, "root_volume_size is %d; it must be between 1 and %d GiB (the EBS volume kubelet's nodefs is on)", settings.rootGiB, maxRootVolumeGiB)
		}
	}
	settings.memoryOverhead = defaultVMMemoryOverheadPercent
	if in.VMMemoryOverheadPercent != nil {
		settings.memoryOverhead = *in.VMMemoryOverheadPercent
		if overhead := settings.memoryOverhead; math.IsNaN(overhead) || overhead < 0 || overhead >= 1 {
			return inputErr(fieldVMMemoryOverheadPercent, "vm_memory_overhead_percent is %v; it is a fraction from 0 up to (not including) 1, such as 0.075 for 7.5%% (Karpenter's VM_MEMORY_OVERHEAD_PERCENT)", overhead)
		}
	}
	if in.ExtraEBSVolumes < 0 {
		return inputErr(fieldExtraEBSVolumes, "extra_ebs_volumes is %d; it must be 0 or more (EBS volumes attached at boot besides the root volume)", in.ExtraEBSVolumes)
	}
	settings.attachedENIs = defaultAttachedENIs
	if in.AttachedNetworkInterfaces != nil {
		settings.attachedENIs = *in.AttachedNetworkInterfaces
		return checkAttachedENIs(in.Instance, settings.attachedENIs)
	}
	return nil
}

func checkAttachedENIs(inst ec2data.Instance, attached int) error {
	if attached < 1 {
		return inputErr(fieldAttachedNetworkInterfaces, "attached_network_interfaces is %d; it must be at least 1 (the primary ENI)", attached)
	}
	if inst.TotalENIs > 0 && attached > inst.TotalENIs {
		return inputErr(fieldAttachedNetworkInterfaces, "attached_network_interfaces is %d, but %s takes at most %d ENIs", attached, instName(inst), inst.TotalENIs)
	}
	return nil
}

// requireVCPUsAndMemory: kube-reserved CPU and allocatable need the vCPU
// count, allocatable memory the memory size.
func requireVCPUsAndMemory(inst ec2data.Instance) error {
	if !inst.HasVCPUs() {
		if inst.Custom {
			return inputErr(fieldInstanceVCPUs, "node resources need the vCPU count; give instance.vcpus")
		}
		return inputErr(FieldInstanceType, "the vCPU count of %s is unknown to the embedded instance table, so kube-reserved CPU and allocatable cannot be computed; pick another type or describe it with the instance object", inst.Name).
			inFunctions("the vCPU count of %s is unknown to the embedded instance table, so kube-reserved CPU and allocatable cannot be computed; pick another type, or describe it with the instance object of the ekssize_node_config data source", inst.Name)
	}
	if !inst.HasMemory() {
		if inst.Custom {
			return inputErr(fieldInstanceMemorySize, "node resources need the memory size; give instance.memory_size (MiB, memory_size of data.aws_ec2_instance_type)")
		}
		return inputErr(FieldInstanceType, "the memory size of %s is unknown to the embedded instance table, so allocatable memory cannot be computed; pick another type", inst.Name)
	}
	return nil
}

// maxPodsAbovePodIPs warns when the max_pods given is more than the pods the
// node's ENIs can give addresses to.
func maxPodsAbovePodIPs(inst ec2data.Instance, maxPods int, computed MaxPodsResult) []Warning {
	if maxPods <= computed.MaxPodsUncapped {
		return nil
	}
	return []Warning{{
		Field:   FieldMaxPods,
		Summary: "max_pods is more than the pod IPs this node can get",
		Detail: fmt.Sprintf("max_pods is %d, but %s gets at most %d pods' worth of IPs under these networking settings (%s). Pods beyond that are scheduled and then stay in ContainerCreating, waiting for an IP.",
			maxPods, instName(inst), computed.MaxPodsUncapped, computed.Formula()),
	}}
}

// setKubeReserved fills kube-reserved, mirroring nodeadm: cpu from the vCPU
// count, memory from a pods count, ephemeral-storage 1Gi; each override
// replaces its value (Karpenter's kubeReserved merges the same way).
func (res *NodeResourcesResult) setKubeReserved(inst ec2data.Instance, settings nodeResourceSettings) []Warning {
	var warns []Warning
	res.KubeReservedPods = res.MaxPods
	if res.KubeReservedBasis == BasisENI {
		res.KubeReservedPods = res.Computed.ENIMaxPods
		source := func() string { return fmt.Sprintf("eni_max_pods %d", res.Computed.ENIMaxPods) }
		if res.AMIFamily == AMIFamilyAL2023 {
			// nodeadm's own table: for a few multi-card types it has more ENIs
			// than the VPC CNI's (i7ie.48xlarge: 15, not 8).
			info, _ := NodeadmInfo(inst)
			if p := int(info.DefaultENIs)*(int(info.IPsPerENI)-1) + 2; p != res.Computed.ENIMaxPods {
				res.KubeReservedPods = p
				source = func() string {
					return fmt.Sprintf("nodeadm's own ENI max pods %d: its table has %d ENIs x %d IPs", p, info.DefaultENIs, info.IPsPerENI)
				}
			}
		}
		if !settings.kubeOverride.Memory.IsSet() && res.KubeReservedPods < res.MaxPods {
			warns = append(warns, Warning{
				Field:   FieldKubeReservedBasis,
				Summary: "kube-reserved memory is sized for fewer pods than max_pods",
				Detail: fmt.Sprintf("kube_reserved_basis = \"eni\" (the default for AL2023 and AL2) reserves 11 x %d + 255 = %d MiB (%s, as nodeadm, AL2 bootstrap.sh and Karpenter on those AMIs do), but kubelet allows %d pods, which would need %d MiB. Use kube_reserved_basis = \"max_pods\" to reserve for the pods the node can run.",
					res.KubeReservedPods, kubeReservedMemoryMiB(res.KubeReservedPods), source(), res.MaxPods, kubeReservedMemoryMiB(res.MaxPods)),
			})
		}
	}
	res.KubeReserved = Reserved{
		CPU:              milliCPU(kubeReservedCPUMillicores(inst.VCPUs)),
		Memory:           mebiBytes(kubeReservedMemoryMiB(res.KubeReservedPods)),
		EphemeralStorage: gibiBytes(kubeReservedEphemeralGiB),
	}
	override := settings.kubeOverride
	if override.CPU.IsSet() {
		res.KubeReserved.CPU = override.CPU
	}
	if override.Memory.IsSet() {
		res.KubeReserved.Memory = override.Memory
	}
	if override.EphemeralStorage.IsSet() {
		res.KubeReserved.EphemeralStorage = override.EphemeralStorage
	}
	res.KubeReservedCPUMillicores = res.KubeReserved.CPU.Value
	res.KubeReservedMemoryMiB = res.KubeReserved.Memory.MiB()
	return warns
}

// setCapacityAndAllocatable fills capacity and allocatable as Karpenter
// models them. kubelet clamps a negative allocatable to zero; so do we,
// loudly.
func (res *NodeResourcesResult) setCapacityAndAllocatable(in NodeResourcesInput, settings nodeResourceSettings) []Warning {
	inst := in.Instance
	capacityMemMiB := capacityMemoryMiB(inst.MemoryMiB, inst.Arch, settings.memoryOverhead)
	res.Capacity = NodeAmounts{
		CPUMillicores:       int64(inst.VCPUs) * 1000,
		MemoryMiB:           capacityMemMiB,
		EphemeralStorageMiB: int64(settings.rootGiB) * 1024,
		Pods:                res.MaxPods,
	}
	capacityMem := capacityMemMiB * mebi
	capacityStorage := int64(settings.rootGiB) * gibi
	kube, system := res.KubeReserved, res.SystemReserved
	allocatableCPU := res.Capacity.CPUMillicores - kube.CPU.Value - system.CPU.Value
	allocatableMem := capacityMem - kube.Memory.Value - system.Memory.Value - settings.eviction[signalMemoryAvailable].Of(capacityMem)
	allocatableStorage := capacityStorage - settings.eviction[signalNodeFSAvailable].Of(capacityStorage) - kube.EphemeralStorage.Value - system.EphemeralStorage.Value

	var warns []Warning
	clamp := func(value int64, resource, unit string, capacity int64) int64 {
		if value >= 0 {
			return value
		}
		warns = append(warns, Warning{
			Field:   overrideField(in),
			Summary: fmt.Sprintf("No allocatable %s is left", resource),
			Detail: fmt.Sprintf("kube-reserved, system-reserved and the eviction threshold add up to more than the node's %s capacity (%d %s), so allocatable %s is 0 and no pod that requests %s can be scheduled on %s.",
				resource, capacity, unit, resource, resource, instName(inst)),
		})
		return 0
	}
	res.Allocatable = NodeAmounts{
		CPUMillicores:       clamp(allocatableCPU, "CPU", "millicores", res.Capacity.CPUMillicores),
		MemoryMiB:           clamp(allocatableMem, "memory", "MiB", capacityMemMiB) / mebi,
		EphemeralStorageMiB: clamp(allocatableStorage, "ephemeral storage", "MiB", res.Capacity.EphemeralStorageMiB) / mebi,
		Pods:                res.MaxPods,
	}
	return warns
}

// noEBSSlotLeft warns when the root volume, extra volumes and ENIs take every
// EBS attachment slot.
func noEBSSlotLeft(inst ec2data.Instance, extraVolumes, attachedENIs int) []Warning {
	if inst.EBSMaxAttachments <= 0 || ebsRaw(inst, extraVolumes, attachedENIs) >= 1 {
		return nil
	}
	return []Warning{{
		Field:   fieldExtraEBSVolumes,
		Summary: "No EBS attachment slot is left for persistent volumes",
		Detail: fmt.Sprintf("%s has %d %s EBS attachment slots; the root volume, %s and %s use them all. The EBS CSI driver still advertises 1, but attaching a volume will fail.",
			instName(inst), inst.EBSMaxAttachments, inst.EBSAttachmentType, counted(extraVolumes, "extra volume", "extra volumes"),
			counted(attachedENIs, "attached ENI", "attached ENIs")),
	}}
}

// parseReserved parses a kube_reserved or system_reserved override.
func parseReserved(field string, in ReservedInput) (Reserved, error) {
	var r Reserved
	var err error
	if in.CPU != nil {
		if r.CPU, err = parseCPU(field+".cpu", *in.CPU); err != nil {
			return r, err
		}
	}
	if in.Memory != nil {
		if r.Memory, err = parseBytes(field+".memory", *in.Memory); err != nil {
			return r, err
		}
	}
	if in.EphemeralStorage != nil {
		if r.EphemeralStorage, err = parseBytes(field+".ephemeral_storage", *in.EphemeralStorage); err != nil {
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
		return fieldSystemReserved
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

// managedOverridesUser reports whether EKS's max pods replaces the user's
// max_pods and maxPodsExpression: on a managed node group without a custom AMI
// (launchpath.go), except on Bottlerocket, where the launch template page says
// settings.kubernetes.max-pods in the user data is applied.
func managedOverridesUser(in NodeResourcesInput, amiFamily string) bool {
	return in.Networking.LaunchPath == launchManaged && amiFamily != AMIFamilyBottlerocket
}

// managedIgnoresUser warns about the user's max pods settings a managed node
// group overrides.
func managedIgnoresUser(in NodeResourcesInput, computed MaxPodsResult) []Warning {
	var warns []Warning
	for _, ignored := range []struct {
		set         bool
		field, what string
	}{
		{in.MaxPods != nil, FieldMaxPods, "max_pods"},
		{in.MaxPodsExpression != nil, FieldMaxPodsExpression, "max_pods_expression (maxPodsExpression)"},
	} {
		if ignored.set {
			warns = append(warns, Warning{
				Field:   ignored.field,
				Summary: ignored.what + " is ignored on a managed node group",
				Detail: fmt.Sprintf("launch_path = %q: EKS writes max pods (%d for %s) into the node's user data, and it takes precedence over any other maxPods configuration, maxPodsExpression included (EKS User Guide, \"How maxPods is determined\"). max_pods, kube-reserved and allocatable here use EKS's value. Use launch_path = %q (a launch template with a custom AMI) to set your own.",
					launchManaged, computed.MaxPods, instName(in.Instance), launchManagedCustomAMI),
			})
		}
	}
	return warns
}

// ValidateReserved runs NodeResources' checks of one kube_reserved or
// system_reserved object (field names it) on its own, for a configuration
// whose other inputs are not known yet.
func ValidateReserved(field string, in ReservedInput) error {
	_, err := parseReserved(field, in)
	return err
}
