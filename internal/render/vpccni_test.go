package render

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

func TestVPCCNIConfigurationValues(t *testing.T) {
	for _, c := range []struct {
		in   sizing.VPCCNIEnv
		want string
	}{
		{sizing.VPCCNIEnv{Env: map[string]string{"WARM_PREFIX_TARGET": "1", "ENABLE_PREFIX_DELEGATION": "true"}},
			`{"env":{"ENABLE_PREFIX_DELEGATION":"true","WARM_PREFIX_TARGET":"1"}}`},
		{sizing.VPCCNIEnv{Env: map[string]string{"ENABLE_POD_ENI": "true"}, InitEnv: map[string]string{"DISABLE_TCP_EARLY_DEMUX": "true"}},
			`{"env":{"ENABLE_POD_ENI":"true"},"init":{"env":{"DISABLE_TCP_EARLY_DEMUX":"true"}}}`},
	} {
		got := VPCCNIConfigurationValues(c.in)
		if got != c.want {
			t.Errorf("got %s\nwant %s", got, c.want)
		}
		var back struct {
			Env  map[string]string `json:"env"`
			Init struct {
				Env map[string]string `json:"env"`
			} `json:"init"`
		}
		if err := json.Unmarshal([]byte(got), &back); err != nil || !reflect.DeepEqual(back.Env, c.in.Env) ||
			(c.in.InitEnv != nil && !reflect.DeepEqual(back.Init.Env, c.in.InitEnv)) {
			t.Errorf("parsed back %+v, %v", back, err)
		}
	}
}
