package render

import (
	"encoding/json"

	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

// VPCCNIConfigurationValues is the configuration_values JSON of an
// aws_eks_addon "vpc-cni": {"env": {...}} and, when the init container has
// settings, {"init": {"env": {...}}}. Keys are sorted (encoding/json sorts map
// keys), so the text is stable and equals Terraform's jsonencode of the same
// object.
func VPCCNIConfigurationValues(e sizing.VPCCNIEnv) string {
	type initBlock struct {
		Env map[string]string `json:"env"`
	}
	doc := struct {
		Env  map[string]string `json:"env"`
		Init *initBlock        `json:"init,omitempty"`
	}{Env: e.Env}
	if len(e.InitEnv) > 0 {
		doc.Init = &initBlock{Env: e.InitEnv}
	}
	b, err := json.Marshal(doc)
	if err != nil {
		panic("render: a map of strings always marshals: " + err.Error())
	}
	return string(b)
}
