package render

import (
	"strconv"
	"strings"
)

// KarpenterNodeClassKubelet is the spec.kubelet block of an EC2NodeClass that
// serves one node class: maxPods when it must be set, else empty (Karpenter's
// own count is right for every member).
func KarpenterNodeClassKubelet(maxPods int, set bool) string {
	if !set {
		return ""
	}
	return "maxPods: " + strconv.Itoa(maxPods) + "\n"
}

// KarpenterInstanceTypeRequirement is the NodePool requirement that limits it
// to the given types, as YAML to paste under spec.template.spec.requirements:
//
//   - key: node.kubernetes.io/instance-type
//     operator: In
//     values: ["c5.large", "m5.large"]
func KarpenterInstanceTypeRequirement(types []string) string {
	quoted := make([]string, len(types))
	for i, t := range types {
		quoted[i] = strconv.Quote(t)
	}
	return "- key: node.kubernetes.io/instance-type\n  operator: In\n  values: [" + strings.Join(quoted, ", ") + "]\n"
}
