package render

import (
	"strconv"
	"strings"
)

// KarpenterKubeletSpec is a Karpenter EC2NodeClass spec.kubelet block
// (karpenter.k8s.aws/v1). Maps that are nil are left out.
type KarpenterKubeletSpec struct {
	MaxPods        int
	KubeReserved   map[string]string
	SystemReserved map[string]string
	EvictionHard   map[string]string
}

// KarpenterKubelet builds the spec.kubelet block from the flags (use
// KarpenterFlags, which always includes evictionHard). Karpenter both writes
// these into the node's kubelet configuration and subtracts them when it
// computes allocatable, so the numbers it schedules against are the ones
// sizing.NodeResources reported.
func KarpenterKubelet(f KubeletFlags) KarpenterKubeletSpec {
	return KarpenterKubeletSpec{
		MaxPods:        f.MaxPods,
		KubeReserved:   kvMap(f.KubeReserved),
		SystemReserved: kvMap(f.SystemReserved),
		EvictionHard:   kvMap(f.EvictionHard),
	}
}

func kvMap(kvs []KeyValue) map[string]string {
	if len(kvs) == 0 {
		return nil
	}
	m := make(map[string]string, len(kvs))
	for _, kv := range kvs {
		m[kv.Key] = kv.Value
	}
	return m
}

// KarpenterKubeletYAML renders the same block as YAML, to indent under
// `kubelet:` in an EC2NodeClass spec:
//
//	maxPods: 29
//	kubeReserved:
//	  cpu: "70m"
//	  ...
func KarpenterKubeletYAML(f KubeletFlags) string {
	var b strings.Builder
	if f.MaxPods > 0 {
		b.WriteString("maxPods: " + strconv.Itoa(f.MaxPods) + "\n")
	}
	yamlMap(&b, "", "kubeReserved", f.KubeReserved)
	yamlMap(&b, "", "systemReserved", f.SystemReserved)
	yamlMap(&b, "", "evictionHard", f.EvictionHard)
	return b.String()
}
