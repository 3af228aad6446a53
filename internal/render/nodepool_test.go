package render

import (
	"testing"

	"gopkg.in/yaml.v3"
)

func TestKarpenterNodeClassBlocks(t *testing.T) {
	if got := KarpenterNodeClassKubelet(110, true); got != "maxPods: 110\n" {
		t.Errorf("kubelet %q", got)
	}
	if got := KarpenterNodeClassKubelet(29, false); got != "" {
		t.Errorf("kubelet %q", got)
	}
	req := KarpenterInstanceTypeRequirement([]string{"c5.large", "m5.large"})
	want := "- key: node.kubernetes.io/instance-type\n  operator: In\n  values: [\"c5.large\", \"m5.large\"]\n"
	if req != want {
		t.Errorf("requirement %q", req)
	}
	var parsed []struct {
		Key      string   `yaml:"key"`
		Operator string   `yaml:"operator"`
		Values   []string `yaml:"values"`
	}
	if err := yaml.Unmarshal([]byte(req), &parsed); err != nil || len(parsed) != 1 || parsed[0].Key != "node.kubernetes.io/instance-type" ||
		parsed[0].Operator != "In" || len(parsed[0].Values) != 2 || parsed[0].Values[1] != "m5.large" {
		t.Errorf("parsed back: %+v, %v", parsed, err)
	}
}
