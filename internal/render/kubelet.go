// Package render turns resolved sizing numbers into the text each node
// bootstrapper consumes: kubelet flags, AL2 bootstrap.sh arguments, nodeadm
// NodeConfig YAML, Bottlerocket TOML and Karpenter kubelet blocks. Renderers
// take numbers already decided by internal/sizing and never re-derive them.
package render

import (
	"strconv"
	"strings"
)

// KubeletFlags are the kubelet settings a renderer writes. Zero or empty fields
// are left out.
type KubeletFlags struct {
	MaxPods int
	// MaxPodsExpression is nodeadm's maxPodsExpression; only NodeadmConfig
	// writes it (spec.kubelet.maxPodsExpression), and MaxPods is then 0.
	MaxPodsExpression string
	// KubeReserved is rendered as --kube-reserved=cpu=...,memory=...,ephemeral-storage=...
	// in the order given; each value is a Kubernetes quantity.
	KubeReserved []KeyValue
	// SystemReserved is rendered as --system-reserved=... in the order given.
	SystemReserved []KeyValue
	// EvictionHard is rendered as --eviction-hard=memory.available<100Mi,... in the order given.
	EvictionHard []KeyValue
}

// KeyValue is one ordered entry of a kubelet map setting.
type KeyValue struct{ Key, Value string }

// KubeletExtraArgs renders the kubelet command-line flags, e.g. "--max-pods=29".
func KubeletExtraArgs(f KubeletFlags) string {
	var args []string
	if f.MaxPods > 0 {
		args = append(args, "--max-pods="+strconv.Itoa(f.MaxPods))
	}
	if len(f.KubeReserved) > 0 {
		args = append(args, "--kube-reserved="+joinKV(f.KubeReserved, "="))
	}
	if len(f.SystemReserved) > 0 {
		args = append(args, "--system-reserved="+joinKV(f.SystemReserved, "="))
	}
	if len(f.EvictionHard) > 0 {
		args = append(args, "--eviction-hard="+joinKV(f.EvictionHard, "<"))
	}
	return strings.Join(args, " ")
}

// AL2BootstrapExtraArgs renders the arguments for the Amazon Linux 2 EKS AMI's
// /etc/eks/bootstrap.sh (the managed node group and terraform-aws-eks
// bootstrap_extra_args). --use-max-pods false stops bootstrap.sh from writing
// its own eni-max-pods.txt value, so the --max-pods flag is the one kubelet uses.
//
// bootstrap.sh writes the kubelet arguments into a systemd drop-in
// (Environment='KUBELET_EXTRA_ARGS=...'), where systemd resolves % specifiers:
// an eviction threshold such as nodefs.available<10% would make systemd drop
// the whole assignment. Every % is therefore written %%, which systemd turns
// back into %.
func AL2BootstrapExtraArgs(f KubeletFlags) string {
	return "--use-max-pods false --kubelet-extra-args '" + strings.ReplaceAll(KubeletExtraArgs(f), "%", "%%") + "'"
}

func joinKV(kvs []KeyValue, sep string) string {
	parts := make([]string, len(kvs))
	for i, kv := range kvs {
		parts[i] = kv.Key + sep + kv.Value
	}
	return strings.Join(parts, ",")
}
