package render

import (
	"strconv"
	"strings"
)

// BottlerocketSettings renders the key lines to paste inside an existing
// [settings.kubernetes] table of Bottlerocket user data:
//
//	max-pods = 29
//	kube-reserved.cpu = "70m"
//	kube-reserved.memory = "574Mi"
//	kube-reserved.ephemeral-storage = "1Gi"
//
// The reservations and thresholds are TOML dotted keys, so they land in
// Bottlerocket's settings.kubernetes.kube-reserved, .system-reserved and
// .eviction-hard tables without opening a table header of their own: the lines
// can go anywhere in the [settings.kubernetes] table, and writing that table a
// second time (which Bottlerocket rejects as "User data was not a TOML
// format") is never needed. Do not also write those sub-tables as
// [settings.kubernetes.kube-reserved] headers: TOML forbids defining a table
// both ways.
func BottlerocketSettings(f KubeletFlags) string {
	var b strings.Builder
	if f.MaxPods > 0 {
		b.WriteString("max-pods = " + strconv.Itoa(f.MaxPods) + "\n")
	}
	for _, t := range bottlerocketTables(f) {
		for _, kv := range t.kvs {
			b.WriteString(t.name + "." + tomlKey(kv.Key) + " = " + quote(kv.Value) + "\n")
		}
	}
	return b.String()
}

// BottlerocketSettingsTOML renders a complete [settings.kubernetes] document
// for Bottlerocket user data that nothing else writes the table of: the
// cluster settings when c is not nil (cluster-name, api-server,
// cluster-certificate, cluster-dns-ip), max-pods, then
// [settings.kubernetes.kube-reserved], [settings.kubernetes.system-reserved]
// and [settings.kubernetes.eviction-hard] tables.
func BottlerocketSettingsTOML(f KubeletFlags, c *Cluster) string {
	var b strings.Builder
	b.WriteString("[settings.kubernetes]\n")
	if c != nil {
		for _, kv := range []KeyValue{
			{"cluster-name", c.Name},
			{"api-server", c.APIServerEndpoint},
			{"cluster-certificate", c.CertificateAuthority},
			{"cluster-dns-ip", c.DNSIP},
		} {
			if kv.Value != "" {
				b.WriteString(kv.Key + " = " + quote(kv.Value) + "\n")
			}
		}
	}
	if f.MaxPods > 0 {
		b.WriteString("max-pods = " + strconv.Itoa(f.MaxPods) + "\n")
	}
	for _, t := range bottlerocketTables(f) {
		b.WriteString("\n[settings.kubernetes." + t.name + "]\n")
		for _, kv := range t.kvs {
			b.WriteString(tomlKey(kv.Key) + " = " + quote(kv.Value) + "\n")
		}
	}
	return b.String()
}

type tomlTable struct {
	name string
	kvs  []KeyValue
}

// bottlerocketTables are the non-empty kubelet maps under Bottlerocket's
// setting names.
func bottlerocketTables(f KubeletFlags) []tomlTable {
	var out []tomlTable
	for _, t := range []tomlTable{
		{"kube-reserved", f.KubeReserved},
		{"system-reserved", f.SystemReserved},
		{"eviction-hard", f.EvictionHard},
	} {
		if len(t.kvs) > 0 {
			out = append(out, t)
		}
	}
	return out
}

// tomlKey writes a bare key when TOML allows one (A-Z a-z 0-9 _ -), else a
// quoted key ("memory.available").
func tomlKey(k string) string {
	if k == "" {
		return `""`
	}
	for _, r := range k {
		bare := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-'
		if !bare {
			return quote(k)
		}
	}
	return k
}
