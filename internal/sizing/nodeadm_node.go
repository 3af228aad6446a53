package sizing

import "github.com/ekssize/terraform-provider-ekssize/internal/ec2data"

// checkMaxPodsExpression validates max_pods_expression against the other node
// inputs: it is nodeadm's (AL2023) setting, nodeadm lets a literal maxPods win
// over it, and nodeadm reserves kube-reserved memory for its result.
func checkMaxPodsExpression(in NodeResourcesInput, amiFamily, basis string) error {
	if in.MaxPodsExpression == nil {
		return nil
	}
	switch {
	case *in.MaxPodsExpression == "":
		return inputErr(FieldMaxPodsExpression, "max_pods_expression is empty; give a CEL expression over default_enis, ips_per_eni and max_pods (such as \"max_pods > 110 ? 110 : max_pods\"), or leave it unset")
	case amiFamily != AMIFamilyAL2023:
		return inputErr(FieldMaxPodsExpression, "max_pods_expression is read by nodeadm, the Amazon Linux 2023 bootstrapper, but ami_family is %q; use ami_family = \"al2023\" or give max_pods", amiFamily)
	case in.MaxPods != nil:
		return inputErr(FieldMaxPodsExpression, "give max_pods or max_pods_expression, not both: nodeadm lets a maxPods in the kubelet config win over maxPodsExpression")
	case basis == BasisENI:
		return inputErr(FieldMaxPodsExpression, "kube_reserved_basis = \"eni\" cannot be used with max_pods_expression: nodeadm reserves kube-reserved memory for the expression's result; leave kube_reserved_basis unset")
	}
	return nil
}

// nodeadmMaxPodsForNode is the max pods nodeadm gives kubelet for the node's
// max_pods_expression, with the warnings about the expression only (the
// networking settings' own warnings are already reported).
func nodeadmMaxPodsForNode(inst ec2data.Instance, expression string, n Networking) (int, []Warning, error) {
	res, warns, err := NodeadmMaxPods(inst, expression, n)
	if err != nil {
		return 0, nil, err
	}
	var own []Warning
	for _, w := range warns {
		if w.Field == FieldMaxPodsExpression {
			own = append(own, w)
		}
	}
	return int(res.MaxPods), own, nil
}
