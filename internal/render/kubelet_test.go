package render

import "testing"

func TestKubeletExtraArgs(t *testing.T) {
	tests := []struct {
		name      string
		flags     KubeletFlags
		args, al2 string
	}{
		{"max pods only", KubeletFlags{MaxPods: 29}, "--max-pods=29",
			"--use-max-pods false --kubelet-extra-args '--max-pods=29'"},
		{"with reservations", KubeletFlags{MaxPods: 110,
			KubeReserved:   []KeyValue{{"cpu", "70m"}, {"memory", "1465Mi"}, {"ephemeral-storage", "1Gi"}},
			SystemReserved: []KeyValue{{"memory", "100Mi"}},
			EvictionHard:   []KeyValue{{"memory.available", "100Mi"}, {"nodefs.available", "10%"}}},
			"--max-pods=110 --kube-reserved=cpu=70m,memory=1465Mi,ephemeral-storage=1Gi --system-reserved=memory=100Mi --eviction-hard=memory.available<100Mi,nodefs.available<10%",
			"--use-max-pods false --kubelet-extra-args '--max-pods=110 --kube-reserved=cpu=70m,memory=1465Mi,ephemeral-storage=1Gi --system-reserved=memory=100Mi --eviction-hard=memory.available<100Mi,nodefs.available<10%%'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := KubeletExtraArgs(tt.flags); got != tt.args {
				t.Errorf("KubeletExtraArgs = %q\nwant %q", got, tt.args)
			}
			if got := AL2BootstrapExtraArgs(tt.flags); got != tt.al2 {
				t.Errorf("AL2BootstrapExtraArgs = %q\nwant %q", got, tt.al2)
			}
		})
	}
}
