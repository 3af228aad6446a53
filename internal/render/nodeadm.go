package render

import (
	"strconv"
	"strings"
)

// NodeadmConfig renders an AL2023 nodeadm NodeConfig document (apiVersion
// node.eks.aws/v1alpha1) with spec.kubelet.maxPodsExpression when f has one,
// spec.kubelet.config holding maxPods, kubeReserved, systemReserved and
// evictionHard when present (the config is left out when all are empty); and
// spec.cluster when c is not nil. nodeadm merges every NodeConfig in the user
// data, so without a cluster section the document can sit beside the one
// terraform-aws-eks or a managed node group writes. For a cloud-init MIME part
// of content type application/node.eks.aws.
func NodeadmConfig(f KubeletFlags, c *Cluster) string {
	var b strings.Builder
	b.WriteString("---\napiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n")
	if c != nil {
		b.WriteString("  cluster:\n")
		for _, kv := range []KeyValue{
			{"name", c.Name},
			{"apiServerEndpoint", c.APIServerEndpoint},
			{"certificateAuthority", c.CertificateAuthority},
			{"cidr", c.ServiceCIDR},
		} {
			if kv.Value != "" {
				b.WriteString("    " + kv.Key + ": " + quote(kv.Value) + "\n")
			}
		}
	}
	b.WriteString("  kubelet:\n")
	if f.MaxPodsExpression != "" {
		b.WriteString("    maxPodsExpression: " + quote(f.MaxPodsExpression) + "\n")
	}
	if f.MaxPods > 0 || len(f.KubeReserved) > 0 || len(f.SystemReserved) > 0 || len(f.EvictionHard) > 0 {
		b.WriteString("    config:\n")
		if f.MaxPods > 0 {
			b.WriteString("      maxPods: " + strconv.Itoa(f.MaxPods) + "\n")
		}
		yamlMap(&b, "      ", "kubeReserved", f.KubeReserved)
		yamlMap(&b, "      ", "systemReserved", f.SystemReserved)
		yamlMap(&b, "      ", "evictionHard", f.EvictionHard)
	}
	return b.String()
}

// yamlMap writes a block mapping of quoted string values; nothing when empty.
// The keys (resource names, eviction signals) are plain YAML scalars.
func yamlMap(b *strings.Builder, indent, name string, kvs []KeyValue) {
	if len(kvs) == 0 {
		return
	}
	b.WriteString(indent + name + ":\n")
	for _, kv := range kvs {
		b.WriteString(indent + "  " + kv.Key + ": " + quote(kv.Value) + "\n")
	}
}
