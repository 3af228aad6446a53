package sizing

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestVPCCNIAddonEnv(t *testing.T) {
	two, five, ten, three := 2, 5, 10, 3
	cases := []struct {
		name string
		n    Networking
		w    WarmTargets
		env  map[string]string
		init map[string]string
	}{
		{"defaults: secondary IPs, WARM_ENI_TARGET 1", Networking{}, WarmTargets{},
			map[string]string{"ENABLE_PREFIX_DELEGATION": "false", "WARM_ENI_TARGET": "1"}, nil},
		{"prefix delegation: WARM_PREFIX_TARGET 1 written", Networking{PrefixDelegation: true}, WarmTargets{},
			map[string]string{"ENABLE_PREFIX_DELEGATION": "true", "WARM_PREFIX_TARGET": "1"}, nil},
		{"warm IP targets replace the others", Networking{PrefixDelegation: true}, WarmTargets{WarmIPTarget: &five, MinimumIPTarget: &ten, WarmPrefixTarget: &two},
			map[string]string{"ENABLE_PREFIX_DELEGATION": "true", "WARM_IP_TARGET": "5", "MINIMUM_IP_TARGET": "10"}, nil},
		{"custom networking and MAX_ENI", Networking{CustomNetworking: true, MaxENI: &three}, WarmTargets{WarmENITarget: &two},
			map[string]string{"ENABLE_PREFIX_DELEGATION": "false", "WARM_ENI_TARGET": "2", "MAX_ENI": "3",
				"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG": "true", "ENI_CONFIG_LABEL_DEF": "topology.kubernetes.io/zone"}, nil},
		{"security groups for pods", Networking{SecurityGroupsForPods: true}, WarmTargets{},
			map[string]string{"ENABLE_PREFIX_DELEGATION": "false", "WARM_ENI_TARGET": "1", "ENABLE_POD_ENI": "true"},
			map[string]string{"DISABLE_TCP_EARLY_DEMUX": "true"}},
		{"kubelet settings write nothing", Networking{CapPolicy: capNone, PodsPerCore: &ten, ReservedENIs: 1, IPFamily: ipFamilyIPv6, PrefixDelegation: true}, WarmTargets{},
			map[string]string{"ENABLE_PREFIX_DELEGATION": "true", "WARM_PREFIX_TARGET": "1"}, nil},
	}
	for _, c := range cases {
		got, err := VPCCNIAddonEnv(c.n, c.w)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !reflect.DeepEqual(got.Env, c.env) || !reflect.DeepEqual(got.InitEnv, c.init) {
			t.Errorf("%s: got %v / %v", c.name, got.Env, got.InitEnv)
		}
	}
}

func TestVPCCNIAddonEnvErrors(t *testing.T) {
	minus := -1
	for _, c := range []struct {
		n          Networking
		w          WarmTargets
		field, msg string
	}{
		{Networking{CapPolicy: "EKS"}, WarmTargets{}, "cap_policy", `cap_policy is "EKS"`},
		{Networking{}, WarmTargets{WarmPrefixTarget: &minus}, "warm_prefix_target", "warm_prefix_target is -1"},
		{Networking{OS: osWindows, PrefixDelegation: true}, WarmTargets{}, "os", `os = "windows" has no vpc-cni add-on configuration: the add-on's env configures the aws-node DaemonSet, which runs on Linux nodes only`},
	} {
		_, err := VPCCNIAddonEnv(c.n, c.w)
		var ie *InputError
		ok := errors.As(err, &ie)
		if !ok || ie.Field != c.field || !strings.HasPrefix(ie.Msg, c.msg) {
			t.Errorf("got %v, want %s: %s", err, c.field, c.msg)
		}
	}
}
