package render

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

// NodeFlags picks the kubelet settings a node bootstrapper (AL2 bootstrap.sh,
// nodeadm, Bottlerocket) must be given so the node gets what
// sizing.NodeResources reported: max pods and kube-reserved always (the AMIs
// would otherwise compute kube-reserved memory from their own pods count),
// system-reserved when the user gave one, and eviction-hard when the user
// overrode it (the AMIs' defaults are the same as sizing's otherwise). The
// eviction map is written whole, defaults included, because kubelet drops the
// signals a partial evictionHard leaves out.
func NodeFlags(r sizing.NodeResourcesResult) KubeletFlags {
	f := KubeletFlags{
		MaxPods:        r.MaxPods,
		KubeReserved:   reservedKV(r.KubeReserved),
		SystemReserved: reservedKV(r.SystemReserved),
	}
	if r.EvictionHardOverridden {
		f.EvictionHard = evictionKV(r.EvictionHard)
	}
	return f
}

// NodeadmFlags is NodeFlags for a nodeadm NodeConfig. With a
// maxPodsExpression it carries the expression instead of maxPods (nodeadm lets
// a maxPods in the kubelet config win over the expression) and only the
// kube-reserved entries the user gave: nodeadm computes kube-reserved on each
// node from the expression's result, and kubelet merges a drop-in map key by
// key, so the NodeConfig stays right for every instance type it is shared by.
func NodeadmFlags(r sizing.NodeResourcesResult) KubeletFlags {
	f := NodeFlags(r)
	if r.MaxPodsExpression != "" {
		f.MaxPods = 0
		f.MaxPodsExpression = r.MaxPodsExpression
		f.KubeReserved = reservedKV(r.KubeReservedOverrides)
	}
	return f
}

// KarpenterFlags is NodeFlags with eviction-hard always present: an
// EC2NodeClass spec.kubelet shows the thresholds Karpenter subtracts.
func KarpenterFlags(r sizing.NodeResourcesResult) KubeletFlags {
	f := NodeFlags(r)
	f.EvictionHard = evictionKV(r.EvictionHard)
	return f
}

// reservedKV lists the set reservations in kubelet's usual order.
func reservedKV(r sizing.Reserved) []KeyValue {
	var kv []KeyValue
	if r.CPU.IsSet() {
		kv = append(kv, KeyValue{"cpu", r.CPU.Text})
	}
	if r.Memory.IsSet() {
		kv = append(kv, KeyValue{"memory", r.Memory.Text})
	}
	if r.EphemeralStorage.IsSet() {
		kv = append(kv, KeyValue{"ephemeral-storage", r.EphemeralStorage.Text})
	}
	return kv
}

// evictionKV lists eviction thresholds sorted by signal, so every rendering
// is stable.
func evictionKV(m map[string]string) []KeyValue {
	kv := make([]KeyValue, 0, len(m))
	for k, v := range m {
		kv = append(kv, KeyValue{k, v})
	}
	sort.Slice(kv, func(i, j int) bool { return kv[i].Key < kv[j].Key })
	return kv
}

// Cluster is the cluster a complete node configuration joins. Empty fields are
// left out.
type Cluster struct {
	Name              string
	APIServerEndpoint string
	// CertificateAuthority is the base64-encoded CA bundle, as
	// aws_eks_cluster certificate_authority[0].data gives it.
	CertificateAuthority string
	// ServiceCIDR goes into nodeadm's cidr, from which nodeadm infers the DNS address.
	ServiceCIDR string
	// DNSIP goes into Bottlerocket's cluster-dns-ip (sizing.ClusterDNSIP).
	DNSIP string
}

// quote writes s as a double-quoted string that is valid both as a YAML
// double-quoted scalar and as a TOML basic string: backslash and quote are
// escaped, and every character either format restricts (C0 and C1 controls,
// DEL, U+FEFF, U+FFFE/U+FFFF, invalid UTF-8) becomes a \uXXXX escape.
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			r = utf8.RuneError // U+FFFD stands in for a byte that is not UTF-8
		}
		i += size
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == 0xfeff || r == 0xfffe || r == 0xffff:
			const hex = "0123456789ABCDEF"
			b.WriteString(`\u`)
			for shift := 12; shift >= 0; shift -= 4 {
				b.WriteByte(hex[(r>>shift)&0xf])
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
