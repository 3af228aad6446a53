package sizing

import (
	"fmt"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
	"github.com/ekssize/terraform-provider-ekssize/internal/nodeadm"
)

// FieldMaxPodsExpression is the nodeadm maxPodsExpression input.
const FieldMaxPodsExpression = "max_pods_expression"

// NodeadmMaxPodsResult is what nodeadm gives kubelet on one instance type for
// one maxPodsExpression, next to what the VPC CNI can address there.
type NodeadmMaxPodsResult struct {
	nodeadm.Result
	// Info is nodeadm's data for the type: its table row, or (InNodeadmTable
	// false) the VPC CNI table's default-card ENIs and IPv4 per ENI, which is
	// what EC2 DescribeInstanceTypes, nodeadm's fallback, reports.
	Info           nodeadm.Info
	InNodeadmTable bool
	// KubeReservedMemoryMiB is nodeadm's 11 x max pods + 255, in int32.
	KubeReservedMemoryMiB int64
	// VPCCNIMaxPods is the pods the VPC CNI can give an IP on this node under
	// the networking settings: MaxPods' uncapped ENI or prefix arithmetic.
	VPCCNIMaxPods int
	// ExceedsVPCCNI is true when nodeadm allows more pods than that.
	ExceedsVPCCNI bool
}

// NodeadmInfo is nodeadm's instance data for a type: its own table row, or for
// a type its table lacks (and for a described instance) the default-card ENIs
// and IPv4 addresses per ENI that EC2 DescribeInstanceTypes reports, which
// nodeadm asks for at boot; false in that case.
func NodeadmInfo(inst ec2data.Instance) (nodeadm.Info, bool) {
	if !inst.Custom {
		if i, ok := nodeadm.Lookup(inst.Name); ok {
			return i, true
		}
	}
	return nodeadm.Info{InstanceType: inst.Name, DefaultENIs: int32(inst.DefaultCardENIs), IPsPerENI: int32(inst.IPv4PerENI)}, false
}

// NodeadmMaxPods answers "what max pods does nodeadm give kubelet on this
// instance type with this maxPodsExpression" (the empty expression is none),
// exactly as nodeadm at amazon-eks-ami 81fec2e8 does (package nodeadm), and
// compares it with the pods the VPC CNI can address under the networking
// settings. Warnings (on FieldMaxPodsExpression) say when nodeadm falls back
// to its default and why, when it converts a non-int result, when its answer
// exceeds what the VPC CNI can address, when its kube-reserved arithmetic
// overflows, and when the type is not in nodeadm's table; the networking
// settings' own warnings (prefix delegation on Xen, ...) come on their fields.
func NodeadmMaxPods(inst ec2data.Instance, expression string, n Networking) (NodeadmMaxPodsResult, []Warning, error) {
	return NodeadmMaxPodsCompiled(inst, nodeadm.Compile(expression), n)
}

// NodeadmMaxPodsCompiled is NodeadmMaxPods for an expression compiled once.
func NodeadmMaxPodsCompiled(inst ec2data.Instance, expr *nodeadm.Expression, n Networking) (NodeadmMaxPodsResult, []Warning, error) {
	var res NodeadmMaxPodsResult
	r, err := n.Validate()
	if err != nil {
		return res, nil, err
	}
	if r.OS == osWindows {
		return res, nil, inputErr(fieldOS, "os = \"windows\" cannot be used with nodeadm: nodeadm is the Amazon Linux 2023 node bootstrapper; use os = \"linux\"")
	}
	// What the VPC CNI can address: the ENI or prefix arithmetic, without the
	// vCPU-based cap and limits (nodeadm applies none of them).
	bound := r
	bound.CapPolicy, bound.MaxPodsLimit, bound.PodsPerCore = capNone, nil, nil
	mp, warns, err := maxPodsResolved(inst, bound)
	if err != nil {
		return res, nil, err
	}
	res.VPCCNIMaxPods = mp.MaxPodsUncapped
	name := instName(inst)
	res.Info, res.InNodeadmTable = NodeadmInfo(inst)
	res.Result = expr.Eval(res.Info)
	if res.Unevaluated {
		return res, nil, inputErr(FieldMaxPodsExpression, "max_pods_expression could not be evaluated on %s: %s; simplify the expression", name, res.Detail)
	}
	res.KubeReservedMemoryMiB = int64(nodeadm.KubeReservedMemoryMiB(res.MaxPods))
	res.ExceedsVPCCNI = int(res.MaxPods) > res.VPCCNIMaxPods

	warn := func(summary, format string, args ...any) {
		warns = append(warns, Warning{Field: FieldMaxPodsExpression, Summary: summary, Detail: fmt.Sprintf(format, args...)})
	}
	if !res.InNodeadmTable && !inst.Custom {
		warn("nodeadm's table lacks this instance type",
			"%s is not in nodeadm's embedded instance data (amazon-eks-ami %s), so nodeadm asks EC2 DescribeInstanceTypes at boot; "+
				"this answer uses the VPC CNI table's %d ENIs on the default network card and %d IPv4 addresses per ENI, which is what "+
				"that call reports. If the call fails (no EC2 access, a retired type), nodeadm runs kubelet with %d max pods.",
			name, nodeadm.SourceCommit[:8], inst.DefaultCardENIs, inst.IPv4PerENI, nodeadm.FailedLookupMaxPods)
	}
	if res.Fallback {
		warn("nodeadm ignores this maxPodsExpression on "+name,
			"On %s (default_enis = %d, ips_per_eni = %d, max_pods = %d) %s, so nodeadm logs a warning and uses its default, %d.",
			name, res.Info.DefaultENIs, res.Info.IPsPerENI, res.DefaultMaxPods, res.Detail, res.DefaultMaxPods)
	}
	if res.Converted != "" {
		warn("The maxPodsExpression does not give an int",
			"On %s the expression gives a %s; nodeadm converts it with CEL's int conversion (a double is truncated towards zero). "+
				"Write an int expression (integer division is `/` on ints) to say what you mean.", name, res.Converted)
	}
	if res.ExceedsVPCCNI {
		why := "under these networking settings"
		if !mp.PrefixDelegationApplied && !supportsPrefixDelegation(inst) {
			why = "(a Xen type: the VPC CNI assigns secondary IPs, never prefixes, here)"
		}
		src := "its value"
		if !res.Fallback && expr.Text() != "" {
			src = "the expression's value"
		} else if res.InNodeadmTable && int(res.Info.DefaultENIs) != inst.DefaultCardENIs && !inst.Custom {
			src = fmt.Sprintf("its default, from the %d ENIs in its table where the VPC CNI manages %d on the default network card", res.Info.DefaultENIs, inst.DefaultCardENIs)
		}
		warn("nodeadm allows more pods than the VPC CNI can address on "+name,
			"nodeadm gives kubelet %d max pods on %s (%s), but the VPC CNI can give at most %d pods an IP %s: %s. "+
				"Pods beyond that are scheduled and then stay in ContainerCreating, waiting for an IP.",
			res.MaxPods, name, src, res.VPCCNIMaxPods, why, mp.Formula())
	}
	if res.KubeReservedMemoryMiB < 0 || res.KubeReservedMemoryMiB != 11*int64(res.MaxPods)+255 {
		warn("nodeadm's kube-reserved memory overflows",
			"nodeadm computes kube-reserved memory as 11 x %d + 255 MiB in 32-bit integers, which wraps around to %d MiB on %s.",
			res.MaxPods, res.KubeReservedMemoryMiB, name)
	}
	return res, warns, nil
}
