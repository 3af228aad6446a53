package sizing

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// Accepted values of the enumerated settings.
const (
	ipFamilyIPv4 = "ipv4"
	ipFamilyIPv6 = "ipv6"

	osLinux   = "linux"
	osWindows = "windows"

	// capEKS is max-pods-calculator.sh's ceiling: 110 for up to 30 vCPUs, else 250.
	capEKS = "eks"
	// capAutoMode is deprecated: it is read as launch_path = "auto_mode"
	// (automode.go) except on the managed launch path, which ignores cap_policy.
	capAutoMode = "auto_mode"
	// capNone applies no ceiling (the raw ENI arithmetic, like eni-max-pods.txt).
	capNone = "none"

	// mirrorVPCCNI (the default) follows what the VPC CNI does on the node
	// where max-pods-calculator.sh differs: prefix delegation on bare metal.
	mirrorVPCCNI = "vpc_cni"
	// mirrorMaxPodsCalculator gives max-pods-calculator.sh's own answer: it
	// applies prefix delegation only when EC2 reports the "nitro" hypervisor,
	// which it reports for no bare metal type but c7g.metal.
	mirrorMaxPodsCalculator = "max_pods_calculator"
)

// Networking gathers the VPC CNI and kubelet settings that decide max pods. The
// zero value is the default of every setting: IPv4 secondary IPs on Linux, no
// custom networking, no security groups for pods, the current VPC CNI, and the
// "eks" cap. Pointer fields are unset when nil.
type Networking struct {
	PrefixDelegation      bool
	IPFamily              string // "" means ipv4
	CustomNetworking      bool
	SecurityGroupsForPods bool
	// ReservedENIs are default-card ENIs kept away from pods, like Karpenter's
	// RESERVED_ENIS.
	ReservedENIs int
	// MaxENI is the VPC CNI's MAX_ENI: the most ENIs it attaches.
	MaxENI *int
	// CNIVersion is the VPC CNI version ("" = a current one, 1.9 or later).
	CNIVersion string
	OS         string // "" means linux
	CapPolicy  string // "" means eks
	// MaxPodsLimit is an extra ceiling applied after the cap.
	MaxPodsLimit *int
	// PodsPerCore is kubelet's podsPerCore: max pods <= this x vCPUs.
	PodsPerCore *int
	// LaunchPath says who writes max pods into the node's user data
	// (launchpath.go); "" means self_managed.
	LaunchPath string
	// Mirror is mirrorVPCCNI ("" too) or mirrorMaxPodsCalculator.
	Mirror string
}

// Field names of the Networking settings, as the provider spells them.
const (
	fieldPrefixDelegation      = "prefix_delegation"
	fieldIPFamily              = "ip_family"
	fieldCustomNetworking      = "custom_networking"
	fieldSecurityGroupsForPods = "security_groups_for_pods"
	fieldReservedENIs          = "reserved_enis"
	fieldMaxENI                = "max_eni"
	fieldCNIVersion            = "cni_version"
	fieldOS                    = "os"
	fieldCapPolicy             = "cap_policy"
	fieldMaxPodsLimit          = "max_pods_limit"
	fieldPodsPerCore           = "pods_per_core"
	// FieldMirror is ekssize_max_pods' and max_pods()'s mirror setting.
	FieldMirror       = "mirror"
	FieldInstanceType = "instance_type"
	fieldInstance     = "instance"
)

func (n Networking) ipFamily() string  { return or(n.IPFamily, ipFamilyIPv4) }
func (n Networking) os() string        { return or(n.OS, osLinux) }
func (n Networking) capPolicy() string { return or(n.CapPolicy, capEKS) }

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Resolved is a validated Networking with its defaults filled in.
type Resolved struct {
	Networking
	CNI CNIVersion
	// capPolicySet is true when cap_policy was given (CapPolicy then holds
	// the default "eks" when it was not).
	capPolicySet bool
	// launchPathHere is true when the caller takes launch_path (MaxPods:
	// ekssize_max_pods and max_pods()); the deprecation warning of cap_policy
	// = "auto_mode" names it there and points elsewhere otherwise.
	launchPathHere bool
}

// Validate checks every setting on its own and against the others, and fills
// in defaults.
func (n Networking) Validate() (Resolved, error) {
	r := Resolved{Networking: n, capPolicySet: n.CapPolicy != ""}
	r.IPFamily, r.OS, r.CapPolicy, r.LaunchPath = n.ipFamily(), n.os(), n.capPolicy(), n.launchPath()
	if err := oneOf(fieldLaunchPath, r.LaunchPath, launchPaths...); err != nil {
		return r, err
	}
	if err := oneOf(fieldIPFamily, r.IPFamily, ipFamilyIPv4, ipFamilyIPv6); err != nil {
		return r, err
	}
	if err := oneOf(fieldOS, r.OS, osLinux, osWindows); err != nil {
		return r, err
	}
	if err := oneOf(fieldCapPolicy, r.CapPolicy, capEKS, capAutoMode, capNone); err != nil {
		return r, err
	}
	r.Mirror = or(n.Mirror, mirrorVPCCNI)
	if err := oneOf(FieldMirror, r.Mirror, mirrorVPCCNI, mirrorMaxPodsCalculator); err != nil {
		return r, err
	}
	if n.ReservedENIs < 0 {
		return r, inputErr(fieldReservedENIs, "reserved_enis is %d; it must be 0 or more (ENIs kept away from pods)", n.ReservedENIs)
	}
	if n.MaxENI != nil && *n.MaxENI < 1 {
		return r, inputErr(fieldMaxENI, "max_eni is %d; it must be at least 1 (the VPC CNI's MAX_ENI), or left unset for no limit", *n.MaxENI)
	}
	if n.MaxPodsLimit != nil && *n.MaxPodsLimit < 1 {
		return r, inputErr(fieldMaxPodsLimit, "max_pods_limit is %d; it must be at least 1, or left unset for no extra ceiling", *n.MaxPodsLimit)
	}
	if n.PodsPerCore != nil && *n.PodsPerCore < 1 {
		return r, inputErr(fieldPodsPerCore, "pods_per_core is %d; it must be at least 1, or left unset (kubelet's podsPerCore 0 means the same as unset)", *n.PodsPerCore)
	}
	cni, err := parseCNIVersion(n.CNIVersion)
	if err != nil {
		return r, err
	}
	r.CNI = cni
	if r.IPFamily == ipFamilyIPv6 {
		if n.CustomNetworking {
			return r, inputErr(fieldCustomNetworking, "custom_networking cannot be used with ip_family = \"ipv6\": EKS supports custom networking for IPv4 clusters only")
		}
		// An Auto Mode node runs no VPC CNI of the user's: cni_version is
		// only warned about there (autoModeIgnores), never an error.
		if !cni.AtLeast(1, 10) && n.LaunchPath != launchAutoMode {
			return r, inputErr(fieldCNIVersion, "ip_family = \"ipv6\" needs VPC CNI 1.10.0 or later, but cni_version is %q", n.CNIVersion)
		}
	}
	if r.OS == osWindows {
		if err := windowsRefusals(n, r); err != nil {
			return r, err
		}
	}
	return r, nil
}

// windowsRefusals rejects the settings Windows nodes do not have. The EKS User
// Guide ("Deploy Windows nodes on EKS clusters", considerations): "You can't
// use Assign security groups to individual pods with Pods running on Windows
// nodes", "You can't use custom networking with Windows nodes", "You can't use
// IPv6 with Windows nodes". ENI counts do not apply: the VPC resource
// controller gives Windows pods addresses of the primary ENI only.
func windowsRefusals(n Networking, r Resolved) error {
	const source = "(EKS User Guide, \"Deploy Windows nodes on EKS clusters\", considerations)"
	switch {
	case r.IPFamily == ipFamilyIPv6:
		return inputErr(fieldIPFamily, "ip_family = \"ipv6\" cannot be used with os = \"windows\": EKS does not support IPv6 on Windows nodes %s; use ip_family = \"ipv4\"", source)
	case n.CustomNetworking:
		return inputErr(fieldCustomNetworking, "custom_networking cannot be used with os = \"windows\": EKS does not support custom networking on Windows nodes %s; Windows pods take addresses of the primary ENI in the node's subnet", source)
	case n.SecurityGroupsForPods:
		return inputErr(fieldSecurityGroupsForPods, "security_groups_for_pods cannot be used with os = \"windows\": security groups for pods are not supported for pods on Windows nodes %s", source)
	case n.ReservedENIs > 0:
		return inputErr(fieldReservedENIs, "reserved_enis does not apply to os = \"windows\": the VPC resource controller gives Windows pods addresses of the primary ENI only and attaches no other ENI for them; remove reserved_enis")
	case n.MaxENI != nil:
		return inputErr(fieldMaxENI, "max_eni does not apply to os = \"windows\": the VPC resource controller gives Windows pods addresses of the primary ENI only and attaches no other ENI for them; remove max_eni")
	}
	return nil
}

func oneOf(field, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return inputErr(field, "%s is %q; it must be one of %s", field, v, quoteList(allowed))
}

func quoteList(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = strconv.Quote(v)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// CNIVersion is a parsed VPC CNI version. The zero value stands for "not given",
// treated as a current release.
type CNIVersion struct {
	Given               bool
	Major, Minor, Patch int
}

// AtLeast reports whether the version is major.minor or later; an unset version
// is taken to be current.
func (v CNIVersion) AtLeast(major, minor int) bool {
	if !v.Given {
		return true
	}
	return v.Major > major || (v.Major == major && v.Minor >= minor)
}

// parseCNIVersion accepts "1.18.3", "v1.9.0", "1.9", "v1.9.0-eksbuild.1" (the EKS
// add-on form) and "1.9.0+build". The empty string is "not given".
func parseCNIVersion(s string) (CNIVersion, error) {
	if s == "" {
		return CNIVersion{}, nil
	}
	bad := inputErr(fieldCNIVersion, "cni_version %q is not a VPC CNI version; use a form such as \"1.18.3\", \"v1.9.0\" or \"v1.19.2-eksbuild.1\"", s)
	core := strings.TrimPrefix(s, "v")
	if i := strings.IndexAny(core, "-+"); i >= 0 {
		if i == len(core)-1 {
			return CNIVersion{}, bad
		}
		core = core[:i]
	}
	parts := strings.Split(core, ".")
	if len(parts) < 2 || len(parts) > 3 {
		return CNIVersion{}, bad
	}
	var nums [3]int
	for i, p := range parts {
		if p == "" || len(p) > 6 || strings.TrimLeft(p, "0123456789") != "" {
			return CNIVersion{}, bad
		}
		nums[i], _ = strconv.Atoi(p)
	}
	if nums[0] != 1 {
		return CNIVersion{}, inputErr(fieldCNIVersion, "cni_version %q: only VPC CNI 1.x versions are known; use a form such as \"1.18.3\"", s)
	}
	return CNIVersion{Given: true, Major: nums[0], Minor: nums[1], Patch: nums[2]}, nil
}

func (v CNIVersion) String() string {
	if !v.Given {
		return "current"
	}
	return fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch)
}

// InstanceSpec describes an instance type the table lacks (the provider's
// instance object), e.g. from data.aws_ec2_instance_type.
type InstanceSpec struct {
	// NetworkInterfaces is the ENIs on the default network card.
	NetworkInterfaces         int
	IPv4AddressesPerInterface int
	VCPUs                     *int   // nil = unknown
	Hypervisor                string // "" = nitro
	BareMetal                 bool
	// MemoryMiB is the memory size (memory_size); nil = unknown. Node resources need it.
	MemoryMiB *int
	// Architecture is "x86_64" (default) or "arm64", as EC2 spells them.
	Architecture string
}

// Instance-object field names.
const (
	fieldInstanceNetworkInterfaces = "instance.network_interfaces"
	fieldInstanceIPv4PerInterface  = "instance.ipv4_addresses_per_interface"
	fieldInstanceVCPUs             = "instance.vcpus"
	fieldInstanceHypervisor        = "instance.hypervisor"
	fieldInstanceMemorySize        = "instance.memory_size"
	fieldInstanceArchitecture      = "instance.architecture"
)

// customInstance validates an InstanceSpec and turns it into a table row.
// Facts the spec cannot give (memory, trunking, EBS) stay unknown.
func customInstance(s InstanceSpec) (ec2data.Instance, error) {
	if s.NetworkInterfaces < 1 || s.NetworkInterfaces > 1000 {
		return ec2data.Instance{}, inputErr(fieldInstanceNetworkInterfaces, "instance.network_interfaces is %d; it must be between 1 and 1000 (the ENIs on the default network card, maximum_network_interfaces of a single-card type)", s.NetworkInterfaces)
	}
	if s.IPv4AddressesPerInterface < 2 || s.IPv4AddressesPerInterface > 1000 {
		return ec2data.Instance{}, inputErr(fieldInstanceIPv4PerInterface, "instance.ipv4_addresses_per_interface is %d; it must be between 2 and 1000 (IPv4 addresses per ENI: the primary one plus at least one for pods)", s.IPv4AddressesPerInterface)
	}
	in := ec2data.Instance{
		Name:              "custom",
		Custom:            true,
		DefaultCardENIs:   s.NetworkInterfaces,
		IPv4PerENI:        s.IPv4AddressesPerInterface,
		NetworkCards:      1,
		TotalENIs:         s.NetworkInterfaces,
		Hypervisor:        or(s.Hypervisor, ec2data.HypervisorNitro),
		BareMetal:         s.BareMetal,
		EBSAttachmentType: "",
	}
	if err := oneOf(fieldInstanceHypervisor, in.Hypervisor, ec2data.HypervisorNitro, ec2data.HypervisorXen, ec2data.HypervisorUnknown); err != nil {
		return ec2data.Instance{}, err
	}
	if s.VCPUs != nil {
		if *s.VCPUs < 1 || *s.VCPUs > 100000 {
			return ec2data.Instance{}, inputErr(fieldInstanceVCPUs, "instance.vcpus is %d; it must be between 1 and 100000, or left unset if unknown", *s.VCPUs)
		}
		in.VCPUs = *s.VCPUs
	}
	if s.MemoryMiB != nil {
		if *s.MemoryMiB < 256 || *s.MemoryMiB > 1<<26 {
			return ec2data.Instance{}, inputErr(fieldInstanceMemorySize, "instance.memory_size is %d; it must be the memory in MiB, between 256 and %d, or left unset if unknown", *s.MemoryMiB, 1<<26)
		}
		in.MemoryMiB = *s.MemoryMiB
	}
	arch := or(s.Architecture, "x86_64")
	if err := oneOf(fieldInstanceArchitecture, arch, ec2data.EC2Architectures()...); err != nil {
		return ec2data.Instance{}, err
	}
	in.Arch, _ = ec2data.ArchitectureFromEC2(arch)
	return in, nil
}

// ResolveInstance picks the instance from exactly one of a table name or a
// custom spec; nil means "not given".
func ResolveInstance(name *string, spec *InstanceSpec) (ec2data.Instance, error) {
	switch {
	case name != nil && spec != nil:
		return ec2data.Instance{}, inputErr(FieldInstanceType, "give instance_type or instance, not both: instance_type looks the type up in the embedded table, instance describes a type the table lacks")
	case name == nil && spec == nil:
		return ec2data.Instance{}, inputErr(FieldInstanceType, "give instance_type (a type from the embedded table, such as \"m5.large\") or instance (an object describing a type the table lacks)")
	case spec != nil:
		return customInstance(*spec)
	}
	in, err := ec2data.Lookup(*name)
	if err != nil {
		return ec2data.Instance{}, inputErr(FieldInstanceType, "%s For a type newer than the table, describe it with the instance object instead (its limits are in data.aws_ec2_instance_type).", err)
	}
	return in, nil
}

// TableInstance looks name up in the embedded table for a caller that takes
// only table types: the provider functions and ekssize_instance_type. Its
// error for an unknown name suggests the closest types and, for a type newer
// than the table, the data sources that take an instance object, which such a
// caller does not.
func TableInstance(name string) (ec2data.Instance, error) {
	in, err := ec2data.Lookup(name)
	if err != nil {
		return ec2data.Instance{}, inputErr(FieldInstanceType, "%s Only types from the table are accepted here; for a newer type, describe it with the instance object of the ekssize_max_pods, ekssize_subnet_capacity or ekssize_node_config data source (its limits are in data.aws_ec2_instance_type).", err)
	}
	return in, nil
}
