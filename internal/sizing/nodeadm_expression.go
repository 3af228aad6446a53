package sizing

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
	"github.com/ekssize/terraform-provider-ekssize/internal/nodeadm"
)

// ExpressionTypeValue is what one instance type gets from a generated
// maxPodsExpression.
type ExpressionTypeValue struct {
	InstanceType string
	// MaxPods is this provider's max pods for the type under the networking
	// settings, which the expression gives on it in nodeadm (verified).
	MaxPods int
	// Info is nodeadm's data for the type (the expression's variables) and
	// NodeadmDefaultMaxPods its default value.
	Info                  nodeadm.Info
	InNodeadmTable        bool
	NodeadmDefaultMaxPods int
	// KubeReservedMemoryMiB is nodeadm's 11 x MaxPods + 255.
	KubeReservedMemoryMiB int64
	// Formula is this provider's derivation of MaxPods.
	Formula string
	// limited: MaxPods is below the ENI arithmetic (a cap or a limit).
	limited bool
}

// MaxPodsExpressionResult is one maxPodsExpression for a set of types.
type MaxPodsExpressionResult struct {
	Expression string
	// Values are per type, in the order given.
	Values []ExpressionTypeValue
}

// MaxPodsExpression answers "which single nodeadm maxPodsExpression gives every
// one of these instance types exactly the max pods MaxPods computes for it
// under these networking settings" (a NodeConfig shared by a mixed managed
// node group, or by every type a Karpenter NodePool allows).
//
// nodeadm evaluates the expression with three variables only: default_enis and
// ips_per_eni from its own instance data, and max_pods (its default, computed
// from those two). Any function of the pair (default_enis, ips_per_eni) can be
// written in CEL, so an expression exists exactly when no two listed types
// share that pair but need different max pods; otherwise it fails on the later
// type of the first such pair, naming both and why they differ (a vCPU-based
// cap: nodeadm has no vCPU variable; prefix delegation on a Xen type; nodeadm's
// data differing from the VPC CNI's; pods_per_core).
//
// The expression is built from the rule itself: the ENI (or prefix) arithmetic
// over default_enis and ips_per_eni (or max_pods when nothing is subtracted),
// then one cap written as a ternary, where a single cap value fits every type.
// The cap is chosen among the listed types' capped values to need the fewest
// exceptions; a type whose value the rule over nodeadm's variables still misses
// (types with 110 and 250 EKS caps in one list, a Xen type among Nitro types
// with prefix delegation, a type whose nodeadm data differ from the VPC CNI's,
// pods_per_core) gets its value by its (default_enis, ips_per_eni) pair in a
// leading condition. Before it is returned, the expression is compiled and
// evaluated as nodeadm does (package nodeadm) on every listed type and must
// give each its value without falling back.
func MaxPodsExpression(insts []ec2data.Instance, n Networking) (MaxPodsExpressionResult, []Warning, error) {
	var res MaxPodsExpressionResult
	r, err := n.Validate()
	if err != nil {
		return res, nil, err
	}
	if r.OS == osWindows {
		return res, nil, inputErr(fieldOS, "os = \"windows\" cannot be used with nodeadm: nodeadm is the Amazon Linux 2023 node bootstrapper; use os = \"linux\"")
	}
	if len(insts) == 0 {
		return res, nil, inputErr(FieldInstanceTypes, "instance_types is empty; give the instance types the NodeConfig is shared by, such as [\"m5.large\", \"m5a.large\"]")
	}
	type pair struct{ enis, ips int32 }
	var warns []Warning
	seen := map[string]int{}
	first := map[pair]int{} // pair -> index of the first type with it
	var order []pair        // pairs in order of first appearance
	for i, inst := range insts {
		field := fmt.Sprintf("%s[%d]", FieldInstanceTypes, i)
		if inst.Custom {
			return res, nil, inputErr(field, "%s: a described instance cannot be used here; give table instance types", field)
		}
		if j, dup := seen[inst.Name]; dup {
			return res, nil, inputErr(field, "%s is %q, which is also %s[%d]; list each instance type once", field, inst.Name, FieldInstanceTypes, j)
		}
		seen[inst.Name] = i
		mp, mpWarns, err := maxPodsResolved(inst, r)
		if err != nil {
			return res, nil, err
		}
		warns = append(warns, mpWarns...)
		info, inTable := NodeadmInfo(inst)
		if !inTable {
			warns = append(warns, Warning{Field: field, Summary: "nodeadm's table lacks " + inst.Name,
				Detail: fmt.Sprintf("%s is not in nodeadm's embedded instance data (amazon-eks-ami %s), so nodeadm asks EC2 DescribeInstanceTypes at boot; "+
					"the expression was checked with the VPC CNI table's %d ENIs and %d IPv4 addresses per ENI, which is what that call reports. "+
					"If the call fails (no EC2 access, a retired type), nodeadm runs kubelet with %d max pods whatever the expression says.",
					inst.Name, nodeadm.SourceCommit[:8], inst.DefaultCardENIs, inst.IPv4PerENI, nodeadm.FailedLookupMaxPods)})
		}
		v := ExpressionTypeValue{
			InstanceType: inst.Name, MaxPods: mp.MaxPods, Info: info, InNodeadmTable: inTable,
			NodeadmDefaultMaxPods: int(nodeadm.DefaultMaxPods(info)), Formula: mp.Formula(), limited: mp.MaxPods < mp.MaxPodsUncapped,
			KubeReservedMemoryMiB: int64(nodeadm.KubeReservedMemoryMiB(int32(mp.MaxPods))),
		}
		p := pair{info.DefaultENIs, info.IPsPerENI}
		if j, ok := first[p]; ok {
			if w := res.Values[j]; w.MaxPods != v.MaxPods {
				return res, warns, inputErr(field, "no maxPodsExpression can give %s and %s their max pods: nodeadm gives both the same variables "+
					"(default_enis = %d, ips_per_eni = %d, max_pods = %d), but this provider's max pods is %d for %s (%s) and %d for %s (%s)%s. "+
					"Use separate NodeConfigs (node groups) for them, or settings under which they agree.",
					w.InstanceType, inst.Name, p.enis, p.ips, v.NodeadmDefaultMaxPods,
					w.MaxPods, w.InstanceType, w.Formula, v.MaxPods, inst.Name, v.Formula, whyDiffer(insts[j], inst, r))
			}
		} else {
			first[p] = i
			order = append(order, p)
		}
		res.Values = append(res.Values, v)
	}

	base := baseExpression(r)
	baseProg := nodeadm.Compile(base)
	target := map[pair]int64{}
	baseVal := map[pair]int64{}
	for _, p := range order {
		v := res.Values[first[p]]
		target[p] = int64(v.MaxPods)
		e := baseProg.Eval(v.Info)
		if e.Fallback {
			baseVal[p] = -1 // never right: the pair becomes an exception
		} else {
			baseVal[p] = int64(e.MaxPods)
		}
	}
	// The cap: none, or the value of a type the rule caps or limits.
	candidates := []int64{0}
	for _, p := range order {
		if t := target[p]; res.Values[first[p]].limited && t < baseVal[p] && !slices.Contains(candidates, t) {
			candidates = append(candidates, t)
		}
	}
	misses := func(c int64) []pair {
		var out []pair
		for _, p := range order {
			got := baseVal[p]
			if c > 0 && got > c {
				got = c
			}
			if got != target[p] {
				out = append(out, p)
			}
		}
		return out
	}
	best, bestMiss := candidates[0], misses(candidates[0])
	for _, c := range candidates[1:] {
		if m := misses(c); len(m) < len(bestMiss) {
			best, bestMiss = c, m
		}
	}
	expr := base
	if best > 0 {
		cs := strconv.FormatInt(best, 10)
		expr = base + " > " + cs + " ? " + cs + " : " + base
	}
	// Exceptions, grouped by value, in order of first appearance.
	var values []int64
	byValue := map[int64][]string{}
	for _, p := range bestMiss {
		t := target[p]
		if _, ok := byValue[t]; !ok {
			values = append(values, t)
		}
		byValue[t] = append(byValue[t], fmt.Sprintf("%s == %d && %s == %d", nodeadm.VarDefaultENIs, p.enis, nodeadm.VarIPsPerENI, p.ips))
	}
	if len(values) > 0 {
		var b strings.Builder
		for _, t := range values {
			conds := byValue[t]
			if len(conds) > 1 {
				for i := range conds {
					conds[i] = "(" + conds[i] + ")"
				}
			}
			b.WriteString(strings.Join(conds, " || ") + " ? " + strconv.FormatInt(t, 10) + " : ")
		}
		b.WriteString("(" + expr + ")")
		expr = b.String()
	}

	// Verify as nodeadm evaluates it, on every listed type.
	prog := nodeadm.Compile(expr)
	for i, v := range res.Values {
		got := prog.Eval(v.Info)
		if got.Fallback || int(got.MaxPods) != v.MaxPods {
			return res, warns, inputErr(fmt.Sprintf("%s[%d]", FieldInstanceTypes, i),
				"internal error: the expression %q gives %s %d in nodeadm (%s), not %d; please report this", expr, v.InstanceType, got.MaxPods, got.Detail, v.MaxPods)
		}
	}
	res.Expression = expr
	return res, warns, nil
}

// baseExpression is the ENI or prefix arithmetic of MaxPods over nodeadm's
// variables, before any cap.
func baseExpression(r Resolved) string {
	usePrefixes := (r.PrefixDelegation && r.CNI.AtLeast(1, 9)) || r.IPFamily == ipFamilyIPv6
	k := karpenterReservedENIs(r.Networking)
	if k == 0 && r.MaxENI == nil {
		if usePrefixes {
			return "(max_pods - 2) * 16 + 2"
		}
		return "max_pods"
	}
	enis := nodeadm.VarDefaultENIs
	if r.MaxENI != nil {
		m := strconv.Itoa(*r.MaxENI)
		enis = "(" + enis + " > " + m + " ? " + m + " : " + enis + ")"
	}
	if k > 0 {
		enis = "(" + enis + " - " + strconv.Itoa(k) + ")"
	}
	if usePrefixes {
		return enis + " * (ips_per_eni - 1) * 16 + 2"
	}
	return enis + " * (ips_per_eni - 1) + 2"
}

// whyDiffer explains why two types with the same nodeadm variables get
// different max pods.
func whyDiffer(a, b ec2data.Instance, r Resolved) string {
	var why []string
	if a.DefaultCardENIs != b.DefaultCardENIs || a.IPv4PerENI != b.IPv4PerENI {
		why = append(why, fmt.Sprintf("the VPC CNI's data differ from nodeadm's (%s: %d ENIs x %d IPv4, %s: %d x %d on the default network card)",
			a.Name, a.DefaultCardENIs, a.IPv4PerENI, b.Name, b.DefaultCardENIs, b.IPv4PerENI))
	}
	if (r.PrefixDelegation || r.IPFamily == ipFamilyIPv6) && supportsPrefixDelegation(a) != supportsPrefixDelegation(b) {
		why = append(why, fmt.Sprintf("prefix delegation applies on only one of them (%s is %s, %s is %s; the VPC CNI assigns prefixes only on Nitro and bare metal)",
			a.Name, a.Hypervisor, b.Name, b.Hypervisor))
	}
	if r.CapPolicy == capEKS && (a.VCPUs > ceilingCPUBoundary) != (b.VCPUs > ceilingCPUBoundary) {
		why = append(why, fmt.Sprintf("the EKS cap depends on vCPUs (%s has %d, %s has %d: 110 up to 30 vCPUs, 250 above), and nodeadm has no vCPU variable",
			a.Name, a.VCPUs, b.Name, b.VCPUs))
	}
	if r.PodsPerCore != nil && a.VCPUs != b.VCPUs {
		why = append(why, fmt.Sprintf("pods_per_core depends on vCPUs (%s has %d, %s has %d), and nodeadm has no vCPU variable", a.Name, a.VCPUs, b.Name, b.VCPUs))
	}
	if len(why) == 0 {
		return ""
	}
	return ": " + strings.Join(why, "; ")
}
