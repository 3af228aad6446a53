package sizing

import (
	"fmt"
	"strings"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// EKS Auto Mode as a launch path (launch_path = "auto_mode"): AWS launches the
// node, picks its AMI and writes its configuration; nothing of the user's
// reaches kubelet. Every rule below comes from the Amazon EKS User Guide (its
// source, github.com/awsdocs/amazon-eks-user-guide, was read at the commits
// named), quoted; where AWS publishes nothing, the comment says so.
//
// Max pods (autoModeMaxPods). "Choose an optimal Amazon EC2 node instance
// type", section "Considerations for EKS Auto Mode"
// (https://docs.aws.amazon.com/eks/latest/userguide/choosing-instance-type.html):
//
//	"EKS Auto Mode limits the number of pods on nodes to the lower of:
//	 - 110 pods hard cap
//	 - number of ENIs × (IPs per ENI − 1)"
//
// and "Create a Node Class for Amazon EKS", Considerations
// (https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html):
// "EKS limits the maximum number of pods on a node to 110. This limit is
// applied after the existing max pods calculation."
//
// So an m5.large gets min(110, 3 x 9) = 27: neither the 29 of eni-max-pods.txt
// (no "+ 2") nor the 110 of prefix arithmetic. An earlier version of the same
// section (awsdocs commit 1096be54) said "The result of the max pods
// calculation described above", that is max-pods-calculator.sh, whose default
// answer for an m5.large is 29; the current formula replaced it. A second-hand
// observation, not AWS documentation, agrees with the current one: a sample
// repository's pull request (aws-samples/appmod-blueprints pull request 235)
// shows kubectl describe node of an m5.2xlarge (4 ENIs, 15 IPs) on
// "Bottlerocket (EKS Auto) 2025.4.19" with "pods: 56" = 4 x 14, not 58. The
// 110 cap is flat: neither page has the 250 above 30 vCPUs of managed node
// groups.
//
// Prefixes or secondary IPs. "Learn about VPC Networking and Load Balancing in
// EKS Auto Mode" (https://docs.aws.amazon.com/eks/latest/userguide/auto-networking.html):
// "EKS Auto Mode defaults to using prefix delegation (/28 prefixes) for pod
// networking and maintains a predefined warm pool of IP resources that scales
// based on the number of scheduled pods", falling back to secondary IPv4
// addresses when the subnet has no prefix left. Since December 2025 the
// NodeClass chooses: "ipv4PrefixSize is default to Auto which is prefix and
// fallback to secondary IP. \"32\" is the secondary IP mode" (spec.advancedNetworking,
// "Node Class Specification", create-node-class.html); the Auto Mode release
// notes, December 19, 2025: "Added support for secondary IP mode that
// provisions secondary IP addresses instead of prefixes to Auto nodes"; and
// awsdocs/amazon-eks-user-guide pull request 1124 removed "Enabling or
// disabling prefix delegation" from the page's list of what Auto Mode does not
// support. AWS publishes one max pods for both modes, and ENIs x (IPs per ENI
// - 1) is exactly the number of secondary IPv4 addresses the node's ENIs can
// hold, so the published max pods is addressable with prefixes, in secondary
// IP mode and after the fallback alike. This provider gives that one value
// whatever the mode, and reports prefix_delegation_applied = false because the
// value is not prefix arithmetic. Which ENIs count is not published: the ENIs
// of the default network card are taken, as the VPC CNI table counts them (a
// p5.48xlarge gets 2 x 49 = 98). IPv6: "For IPv6 clusters, EKS Auto Mode
// provisions a /80 IPv6 prefix per node on the primary network interface"
// (auto-networking); the max pods formula names no IP family, so IPv6 nodes
// get the same value (and, as everywhere, need a Nitro type).
//
// Not modelled: advancedNetworking.networkInterfaces and
// podSubnetSelectorTerms. Of the first, create-node-class.html says "When
// networkInterfaces is configured, EKS Auto Mode does not attach additional
// IPs, prefixes, or ENIs after instance launch. Only the interfaces and IP
// addresses configured at launch are available to Pods." A node so configured
// can hold fewer pods than max_pods here: as many as the addresses its
// secondaryIPv4Count or secondaryIPv4PrefixCount give. podSubnetSelectorTerms
// puts pod addresses in other subnets than the node's, where the pod subnet's
// free addresses can stop pods below max_pods. The value here is an upper
// bound for such nodes.
//
// Settings. auto-networking: "Configuration options for the previous AWS VPC
// CNI will not apply to EKS Auto Mode", and "EKS Auto Mode does not support:
// Security Groups per Pod (SGPP). Custom Networking in the ENIConfig. [...]".
// "Create a Node Pool for EKS Auto Mode": "EKS Auto Mode only supports Linux".
// The Auto Mode NodeClass ("Node Class Specification", create-node-class.html)
// has no kubelet block: maxPods and podsPerCore cannot be set. So security
// groups for pods, custom networking and Windows are errors (the node cannot
// exist); the VPC CNI and kubelet settings that would only change the number
// (cap_policy, prefix_delegation, max_pods_limit, pods_per_core, reserved_enis,
// max_eni, cni_version) have no effect and get a warning (an error with strict
// = true), as on the managed launch path: prefix_delegation because the
// NodeClass, not the VPC CNI, picks prefixes or secondary IPs, and both give
// the same max pods.
//
// kube-reserved: AWS publishes nothing for Auto Mode nodes, and the node of
// the second-hand observation above reserves 240m CPU of 8 vCPUs where the
// EKS AMIs' formula gives 90m, so the AMI formulas are not what Auto Mode uses. Auto Mode nodes
// take no user data either ("AWS determines the operating system and image",
// "Learn about Amazon EKS Auto Mode Managed instances"), so NodeResources
// (ekssize_node_config, kube_reserved) refuses launch_path = "auto_mode" rather
// than guess (checkAutoModeNodeResources).

// launchAutoMode is the EKS Auto Mode launch path.
const launchAutoMode = "auto_mode"

// autoModeFamilies are the instance families EKS Auto Mode launches, every
// family of the table in "EKS Auto Mode supported instance reference"
// (https://docs.aws.amazon.com/eks/latest/userguide/automode-learn-instances.html#auto-supported-instances):
// "EKS Auto Mode only creates instances of supported types, and that meet a
// minimum size requirement." Copied from awsdocs/amazon-eks-user-guide commit
// 06faff1411463d22284cc02e7602daf4c19f9204,
// latest/ug/automode/automode-learn-instances.adoc. A family not listed (a1, m3, t1, u-*, mac*, f1,
// vt1, dl1, ...) is not launched.
var autoModeFamilies = setOf(
	// Compute Optimized (C)
	"c8id", "c8i", "c8i-flex", "c8gd", "c8gn", "c8g", "c8a", "c8gb", "c7a", "c7g", "c7gn", "c7gd", "c7i", "c7i-flex", "c6a",
	"c6g", "c6i", "c6gn", "c6id", "c6in", "c6gd", "c5", "c5a", "c5d", "c5ad", "c5n", "c4",
	// General Purpose (M)
	"m8id", "m8i", "m8i-flex", "m8a", "m8azn", "m8gn", "m8gb", "m8gd", "m8g", "m7i", "m7a", "m7g", "m7gd", "m7i-flex", "m6a",
	"m6i", "m6in", "m6g", "m6idn", "m6id", "m6gd", "m5", "m5a", "m5ad", "m5n", "m5dn", "m5d", "m5zn", "m4",
	// Memory Optimized (R)
	"r8id", "r8i", "r8i-flex", "r8gn", "r8gb", "r8gd", "r8g", "r8a", "r7a", "r7iz", "r7gd", "r7i", "r7g", "r6a", "r6i",
	"r6id", "r6in", "r6idn", "r6g", "r6gd", "r5", "r5n", "r5a", "r5dn", "r5b", "r5ad", "r5d", "r4",
	// Burstable (T)
	"t4g", "t3", "t3a", "t2",
	// High Memory (Z/X)
	"z1d", "x8aedz", "x8g", "x8i", "x2gd",
	// Storage Optimized (I/D)
	"i8ge", "i7i", "i8g", "i7ie", "i4g", "i4i", "i3", "i3en", "is4gen", "d3", "d3en", "im4gn",
	// Accelerated Computing (P/G/Inf/Trn)
	"p6-b200", "p6-b300", "p5", "p5e", "p5en", "p4d", "p4de", "p3dn", "g7e", "g6", "gr6", "g6e", "g5g", "g5", "g4dn",
	"g4ad", "inf2", "inf1", "trn1", "trn1n", "trn2",
	// High Performance Computing (HPC/X2)
	"hpc8a", "x2iezn", "x2iedn", "x2idn",
)

// autoModeExcludedSizes are the sizes of "Instance size is not nano, micro or
// small" (same section: "EKS Auto Mode will only create EC2 instances that meet
// the following requirements: More than 1 CPU; Instance size is not nano,
// micro or small").
var autoModeExcludedSizes = setOf("nano", "micro", "small")

func setOf(names ...string) map[string]bool {
	s := make(map[string]bool, len(names))
	for _, n := range names {
		s[n] = true
	}
	return s
}

// ceilingAutoMode is Auto Mode's "110 pods hard cap".
const ceilingAutoMode = 110

// autoModeMaxPods is MaxPods on launch path "auto_mode": the lower of 110 and
// default-card ENIs x (IPv4 per ENI - 1), after the settings and instance type
// checks (see the comment at the top of this file for each rule's source).
func autoModeMaxPods(inst ec2data.Instance, r Resolved) (MaxPodsResult, []Warning, error) {
	const via = `launch_path = "auto_mode"`
	if err := checkAutoModeSettings(r, via); err != nil {
		return MaxPodsResult{}, nil, err
	}
	warns := autoModeIgnores(r, via)
	instWarns, err := checkAutoModeInstance(inst, via)
	if err != nil {
		return MaxPodsResult{}, nil, err
	}
	warns = append(warns, instWarns...)
	// What remains of the settings on an Auto Mode node: the IP family.
	auto := Resolved{Networking: Networking{IPFamily: r.IPFamily, OS: r.OS, CapPolicy: capAutoMode}}
	if err := checkInstanceSupports(inst, auto); err != nil {
		return MaxPodsResult{}, nil, err
	}
	res := MaxPodsResult{ENIMaxPods: inst.ENIMaxPods(), Cap: ceilingAutoMode}
	autoModeArithmetic(inst, podENICount{start: inst.DefaultCardENIs}, &res)
	res.PodIPsUnlimited = r.IPFamily == ipFamilyIPv6 // the node's /80 prefix
	res.MaxPods = min(res.MaxPodsUncapped, res.Cap)
	if res.MaxPods < res.MaxPodsUncapped {
		res.steps.capped = capAutoMode
	}
	return res, warns, nil
}

// autoModeArithmetic fills Auto Mode's "number of ENIs × (IPs per ENI − 1)"
// for the ENIs count leaves into res (no "+ 2", no prefix arithmetic: see the
// top of this file), recording it for the formula.
func autoModeArithmetic(inst ec2data.Instance, count podENICount, res *MaxPodsResult) {
	enis := count.count()
	res.NetworkInterfaces = enis
	res.MaxPodsUncapped = inst.PodAddressesOnENIs(enis, 1)
	// The pod addresses counted without prefixes: the secondary-IP fallback
	// is the least the node can address (see the top of this file).
	res.PodIPs = res.MaxPodsUncapped
	res.steps.autoMode, res.steps.enis, res.steps.ipv4PerENI = true, count, inst.IPv4PerENI
}

// writeAutoModeArithmetic writes what autoModeArithmetic recorded.
func (s maxPodsSteps) writeAutoModeArithmetic(f *strings.Builder, res MaxPodsResult) {
	f.WriteString("auto_mode: " + counted(res.NetworkInterfaces, "ENI", "ENIs"))
	if why := s.enis.why(); why != "" {
		fmt.Fprintf(f, " (%s)", why)
	}
	fmt.Fprintf(f, " x (%d - 1) IPs = %d", s.ipv4PerENI, res.MaxPodsUncapped)
}

// capAutoModeDeprecated is the Linux arithmetic of the deprecated cap_policy
// = "auto_mode" (off the managed launch path, which ignores cap_policy): Auto
// Mode's formula over the ENIs these settings leave for pods, which applyCap
// then caps at 110. It keeps every setting it accepted before (custom
// networking, reserved ENIs, max_pods_limit, ...) and checks nothing Auto
// Mode-specific, so no configuration that worked stops working; it warns that
// launch_path = "auto_mode" is the model of an Auto Mode node. On the settings
// Auto Mode accepts, the two agree.
//
// The cap policy changes max pods only: the node's addresses keep following
// prefix_delegation as given (prefixesApply, with its fallbacks and warnings),
// so node_ips, subnet_max_nodes, ekssize_subnet_capacity and
// ekssize_cluster_ip_plan replay ipamd with /28 prefixes when prefix delegation
// is on, as an Auto Mode node does by default ("EKS Auto Mode uses prefix
// delegation (/28 prefixes) by default", EKS User Guide, Create a Node Class).
func capAutoModeDeprecated(inst ec2data.Instance, r Resolved, res *MaxPodsResult) []Warning {
	count := podENIs(inst, r)
	usePrefixes, warns := prefixesApply(inst, r)
	autoModeArithmetic(inst, count, res)
	res.PrefixDelegationApplied = usePrefixes
	if usePrefixes {
		res.PodIPs = inst.PodAddressesOnENIs(count.count(), ipsPerPrefix)
	}
	res.PodIPsUnlimited = r.IPFamily == ipFamilyIPv6
	warns = append(warns, noENILeft(inst, count, "Auto Mode's formula then gives 0 (it has no \"+ 2\")")...)
	if !r.capPolicySet {
		return warns
	}
	return append(warns, capAutoModeDeprecation(inst, r, min(res.MaxPodsUncapped, ceilingAutoMode)))
}

// capAutoModeOnWindows is the deprecation warning of cap_policy = "auto_mode"
// on Windows nodes, where it stays what it was: a cap of 110 (EKS Auto Mode
// runs Linux nodes only, so its formula does not apply).
func capAutoModeOnWindows() Warning {
	return Warning{
		Field:   fieldCapPolicy,
		Summary: "cap_policy = \"auto_mode\" is deprecated",
		Detail: "\"EKS Auto Mode only supports Linux\" (EKS User Guide, Create a Node Pool for EKS Auto Mode), so with os = \"windows\" cap_policy = \"auto_mode\" " +
			"stays what it was, a cap of 110 over the VPC resource controller's addresses. Use cap_policy = \"eks\" (the default) or \"none\": " +
			"cap_policy = \"auto_mode\" will be removed in the next major version.",
	}
}

// capAutoModeDeprecation is the warning of the deprecated cap_policy =
// "auto_mode". Only ekssize_max_pods and max_pods() take launch_path =
// "auto_mode" (r.launchPathHere); elsewhere the warning names them.
func capAutoModeDeprecation(inst ec2data.Instance, r Resolved, value int) Warning {
	example := ""
	if inst.Name != "m5.large" {
		example = ", 27 for an m5.large"
	}
	addresses := "Pod addresses still follow prefix_delegation, so subnet use is that of secondary IPs or /28 prefixes as you set it."
	w := Warning{
		Field: fieldCapPolicy,
		Detail: fmt.Sprintf("cap_policy = \"auto_mode\" now gives EKS Auto Mode's max pods, the lower of 110 and ENIs x (IPv4 per ENI - 1) "+
			"(EKS User Guide, \"Considerations for EKS Auto Mode\"): %d for %s%s. It used to cap the VPC CNI arithmetic at 110 (29 for an m5.large). "+
			"%s ", value, instName(inst), example, addresses),
	}
	if r.launchPathHere {
		w.Summary = "cap_policy = \"auto_mode\" is deprecated; use launch_path = \"auto_mode\""
		w.Detail += "Auto Mode is who launches the node, not a cap: launch_path = \"auto_mode\" gives the same max pods and also checks that Auto Mode launches the type and supports the settings. "
	} else {
		w.Summary = "cap_policy = \"auto_mode\" is deprecated"
		w.Detail += "launch_path = \"auto_mode\" on ekssize_max_pods or provider::ekssize::max_pods, the only places that take it, is the supported way to get an Auto Mode node's max pods (it also checks that Auto Mode launches the type and supports the settings). "
	}
	w.Detail += "cap_policy = \"auto_mode\" will be removed in the next major version."
	return w
}

// checkAutoModeSettings rejects the settings of a node Auto Mode cannot run.
func checkAutoModeSettings(r Resolved, via string) error {
	switch {
	case r.OS == osWindows:
		return inputErr(fieldOS, "os = \"windows\" cannot be used with %s: \"EKS Auto Mode only supports Linux\" (EKS User Guide, Create a Node Pool for EKS Auto Mode); use os = \"linux\", or another launch_path for Windows nodes", via)
	case r.SecurityGroupsForPods:
		return inputErr(fieldSecurityGroupsForPods, "security_groups_for_pods cannot be used with %s: EKS Auto Mode does not support \"Security Groups per Pod (SGPP)\" (EKS User Guide, Learn about VPC Networking and Load Balancing in EKS Auto Mode); remove security_groups_for_pods (an Auto Mode NodeClass gives pods their own security groups with podSecurityGroupSelectorTerms instead), or use another launch_path", via)
	case r.CustomNetworking:
		return inputErr(fieldCustomNetworking, "custom_networking cannot be used with %s: EKS Auto Mode does not support \"Custom Networking in the ENIConfig\" (EKS User Guide, Learn about VPC Networking and Load Balancing in EKS Auto Mode); remove custom_networking (an Auto Mode NodeClass puts pods in other subnets with podSubnetSelectorTerms instead), or use another launch_path", via)
	}
	return nil
}

// autoModeIgnores warns about each setting that cannot reach an Auto Mode
// node, and about the deprecated cap_policy = "auto_mode". The detail does not
// start with the launch path and a colon: strict = true joins summary and
// detail with one.
func autoModeIgnores(r Resolved, via string) []Warning {
	var warns []Warning
	kubelet := "the Auto Mode NodeClass has no kubelet settings (EKS User Guide, Create a Node Class for Amazon EKS, Node Class Specification), so kubelet's maxPods and podsPerCore cannot be set"
	vpcCNI := "\"Configuration options for the previous AWS VPC CNI will not apply to EKS Auto Mode\" (EKS User Guide, Learn about VPC Networking and Load Balancing in EKS Auto Mode)"
	addressing := "the Auto Mode NodeClass decides how pods get addresses, /28 prefixes by default or secondary IPs with advancedNetworking.ipv4PrefixSize = \"32\" (EKS User Guide, Create a Node Class for Amazon EKS), and AWS publishes one max pods for both"
	for _, ig := range []struct {
		set         bool
		field, why  string
		description string
	}{
		{r.capPolicySet, fieldCapPolicy, "EKS Auto Mode applies its own 110 pods hard cap", "cap_policy = " + fmt.Sprintf("%q", r.CapPolicy)},
		{r.PrefixDelegation, fieldPrefixDelegation, addressing, "prefix_delegation"},
		{r.MaxPodsLimit != nil, fieldMaxPodsLimit, kubelet, "max_pods_limit"},
		{r.PodsPerCore != nil, fieldPodsPerCore, kubelet, "pods_per_core"},
		{r.ReservedENIs > 0, fieldReservedENIs, vpcCNI, "reserved_enis"},
		{r.MaxENI != nil, fieldMaxENI, vpcCNI, "max_eni"},
		{r.CNI.Given, fieldCNIVersion, vpcCNI + "; Auto Mode's networking is managed by AWS", "cni_version"},
		{r.Mirror == mirrorMaxPodsCalculator, FieldMirror, "neither max-pods-calculator.sh nor the VPC CNI decides an Auto Mode node's max pods", "mirror = \"max_pods_calculator\""},
	} {
		if ig.set {
			warns = append(warns, Warning{
				Field:   ig.field,
				Summary: ig.description + " is ignored on EKS Auto Mode",
				Detail: fmt.Sprintf("With %s, %s. %s therefore has no effect on the node, and max_pods does not use it (the lower of 110 and ENIs x (IPv4 per ENI - 1), EKS User Guide, \"Considerations for EKS Auto Mode\"). Remove it, or use another launch_path.",
					via, ig.why, ig.description),
			})
		}
	}
	return warns
}

// checkAutoModeInstance rejects an instance type EKS Auto Mode does not
// launch, naming the rule: its family is not in AWS's list, its size is nano,
// micro or small, or it has 1 vCPU. A described instance (the instance object)
// has no name, so only its vCPUs can be checked; that is a warning. A table
// type whose vCPUs are unknown is checked on family and size only (such types
// are large or metal sizes).
func checkAutoModeInstance(inst ec2data.Instance, via string) ([]Warning, error) {
	const source = "EKS User Guide, \"EKS Auto Mode supported instance reference\""
	if inst.Custom {
		if inst.HasVCPUs() && inst.VCPUs <= 1 {
			return nil, inputErr(fieldInstanceVCPUs, "%s: EKS Auto Mode does not launch the described instance: it has %s, and Auto Mode \"will only create EC2 instances that meet the following requirements: More than 1 CPU\" (%s); describe an instance with at least 2 vCPUs (instance.vcpus), or use another launch_path", via, counted(inst.VCPUs, "vCPU", "vCPUs"), source)
		}
		return []Warning{{
			Field:   fieldInstance,
			Summary: "Whether EKS Auto Mode launches this instance type is not checked",
			Detail: fmt.Sprintf("%s: EKS Auto Mode only launches the instance families AWS lists, sizes other than nano, micro and small, with more than 1 vCPU (%s). The instance object gives no family or size, so only the vCPUs were checked; make sure the NodePool can select this type.",
				via, source),
		}}, nil
	}
	family, size, _ := strings.Cut(inst.Name, ".")
	switch {
	case !autoModeFamilies[family]:
		return nil, inputErr(FieldInstanceType, "%s: EKS Auto Mode does not launch %s: the %s family is not among the instance types it supports, and \"EKS Auto Mode only creates instances of supported types\" (%s); choose a family AWS lists there, such as m5, c6i, r7g or t3, or another launch_path", via, inst.Name, family, source)
	case autoModeExcludedSizes[size]:
		return nil, inputErr(FieldInstanceType, "%s: EKS Auto Mode does not launch %s: it \"will only create EC2 instances that meet the following requirements: [...] Instance size is not nano, micro or small\" (%s); choose a larger size, such as %s.medium or %s.large", via, inst.Name, source, family, family)
	case inst.HasVCPUs() && inst.VCPUs <= 1:
		return nil, inputErr(FieldInstanceType, "%s: EKS Auto Mode does not launch %s: it has %s, and Auto Mode \"will only create EC2 instances that meet the following requirements: More than 1 CPU\" (%s); choose a size with at least 2 vCPUs, such as %s.large", via, inst.Name, counted(inst.VCPUs, "vCPU", "vCPUs"), source, family)
	}
	return nil, nil
}

// checkAutoModeNodeResources refuses node resources for an Auto Mode node:
// AWS publishes no kube-reserved or allocatable for it, and it takes no user
// data to render (see the comment at the top of this file).
func checkAutoModeNodeResources(n Networking) error {
	if n.LaunchPath != launchAutoMode {
		return nil
	}
	return inputErr(fieldLaunchPath, "launch_path = \"auto_mode\" cannot be used here: kube-reserved, allocatable and the node configurations are for nodes whose user data you write, but EKS Auto Mode nodes take none (\"AWS determines the operating system and image\", EKS User Guide, Learn about Amazon EKS Auto Mode Managed instances) and AWS publishes no kube-reserved for them. For an Auto Mode node's max pods use ekssize_max_pods or provider::ekssize::max_pods with launch_path = \"auto_mode\"")
}
